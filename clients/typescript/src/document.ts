// One collaborative document of a session (v1.1 "Several files": each file has its own version line) kept in
// sync with an unmodified @codemirror/collab editor. collab keeps the synced version and the unconfirmed local
// updates; this class only moves them over the wire: it numbers updates (seq, per file), pushes one batch at a
// time, trims overlapping `updates` batches by `fromVersion`, pulls on a gap and after a reconnect, and keeps
// the received changes to map remote presence. It never transforms changes itself. TandemClient owns the
// connection and routes each file's messages here.
import { ChangeSet, EditorState, type ChangeDesc, type Transaction } from "@codemirror/state";
import { collab, getSyncedVersion, receiveUpdates, sendableUpdates } from "@codemirror/collab";
import type { ClientMessage, ErrorMessage, Selection, UpdateJson } from "./protocol.js";

/** What the client needs of an editor: a CodeMirror EditorView fits, and so does HeadlessEditor. */
export interface CollabEditor {
  readonly state: EditorState;
  dispatch(tr: Transaction): void;
}

/** What a document needs of the connection that carries it. */
export interface DocumentLink {
  readonly clientId: string;
  /** Joined and able to send now. */
  readonly joined: boolean;
  send(msg: ClientMessage): boolean;
  /** The editor caught up to `version` (the caller's "synced" event). */
  synced(file: string, version: number): void;
  /** The session's history moved on: the caller must load it afresh. */
  reload(reason: string): void;
}

/** How many received change sets are kept to map remote presence sent at an older version. */
const HISTORY_KEPT = 2000;
/** Updates per push (the server accepts up to 1,000). */
const MAX_PUSH = 500;
/** A push without ack or conflict within this time is given up (and resent after a pull). */
const PUSH_TIMEOUT_MS = 5000;
/** After a conflict the missing updates are on their way; pull when they did not arrive within this time. */
const CONFLICT_PULL_MS = 1500;
/** Stop pushing this document (a refusal that would repeat for ever). */
const NEVER = Number.MAX_SAFE_INTEGER;

type TimerHandle = ReturnType<typeof setTimeout>;

/** An editor without a view: a file nobody opened yet still follows its version line. */
class BackgroundEditor implements CollabEditor {
  state: EditorState;
  constructor(content: string, version: number, clientId: string) {
    this.state = EditorState.create({ doc: content, extensions: [collab({ startVersion: version, clientID: clientId })] });
  }
  dispatch(tr: Transaction) {
    this.state = tr.state;
  }
}

export class DocumentSync {
  /** The file's path now (it changes with file.renamed, and for the main file with the session's language). */
  path: string;
  /** The main file: its messages go without `file`, so that they mean the main file whatever it is called. */
  readonly main: boolean;
  /** Deleted: nothing is pushed or applied any more. */
  closed = false;
  readonly stats = { pushes: 0, acks: 0, conflicts: 0, pulls: 0, overlapsTrimmed: 0 };

  private editor: CollabEditor | null;
  /** seq per local update, keyed by the transaction that created it: collab keeps `origin` when it rebases. */
  private readonly seqs = new WeakMap<Transaction, number>();
  private lastSeq = 0;
  private pushInFlight = false;
  private pushTimer: TimerHandle | null = null;
  /** After ack/conflict/welcome naming version N, do not push before we have N. */
  private waitVersion = 0;
  private conflictTimer: TimerHandle | null = null;
  private retryTimer: TimerHandle | null = null;
  private pullSentAt: { version: number; at: number } | null = null;

  /** Received changes, history[i] takes version historyBase+i to historyBase+i+1. */
  private history: ChangeSet[] = [];
  private historyBase = 0;

  /**
   * `initial`: the file's content at its version (welcome, file.created); without it (the main file of v1)
   * the document waits for the caller's editor and ignores updates until then, as the v1 client did.
   */
  constructor(
    private readonly link: DocumentLink,
    path: string,
    main: boolean,
    initial: { content: string; version: number } | null,
  ) {
    this.path = path;
    this.main = main;
    this.editor = initial ? new BackgroundEditor(initial.content, initial.version, link.clientId) : null;
    if (this.editor) this.historyBase = initial!.version;
  }

  /**
   * The caller's editor for this file from now on. For a file other than the main one, make it from
   * snapshot() (collab startVersion = its version): until then a background editor follows the file.
   */
  attach(editor: CollabEditor) {
    const hadEditor = this.editor !== null;
    this.editor = editor;
    if (!hadEditor) this.historyBase = getSyncedVersion(editor.state);
    this.maybePush();
  }

  /** The text and synced version to build an editor from (collab startVersion), e.g. when a tab opens. */
  snapshot(): { content: string; version: number } | null {
    const editor = this.editor;
    if (!editor) return null;
    return { content: editor.state.doc.toString(), version: getSyncedVersion(editor.state) };
  }

  get state(): EditorState | null {
    return this.editor?.state ?? null;
  }

  get version(): number | null {
    return this.editor ? getSyncedVersion(this.editor.state) : null;
  }

  /** Local updates the server has not confirmed yet. */
  get pending(): number {
    return this.editor ? sendableUpdates(this.editor.state).length : 0;
  }

  /** Adds `file` to a file-scoped message, except for the main file (a v1 server knows nothing else). */
  private scoped<T extends object>(msg: T): T & { file?: string } {
    return this.main ? msg : { ...msg, file: this.path };
  }

  // ---- connection events (from TandemClient) ----------------------------------------------------------

  /** A (re)join: the server says the file is at `version` now. */
  joined(version: number) {
    const editor = this.editor;
    if (!editor || this.closed) return;
    const synced = getSyncedVersion(editor.state);
    if (version < synced) {
      this.link.reload("The server lost part of this session's history; reloading it.");
      return;
    }
    this.waitVersion = Math.max(this.waitVersion, version);
    if (version > synced) this.pull(true);
    this.maybePush();
  }

  /** The connection dropped: whatever was in flight has no answer coming. */
  resetInFlight() {
    this.pushInFlight = false;
    this.pullSentAt = null;
    for (const t of [this.pushTimer, this.conflictTimer, this.retryTimer]) if (t) clearTimeout(t);
    this.pushTimer = this.conflictTimer = this.retryTimer = null;
  }

  /** Deleted (file.deleted, or missing from a welcome): answers how many local updates were never confirmed. */
  close(): number {
    const lost = this.pending;
    this.closed = true;
    this.resetInFlight();
    return lost;
  }

  // ---- messages ---------------------------------------------------------------------------------------

  updates(fromVersion: number, updates: UpdateJson[]) {
    const editor = this.editor;
    if (!editor || this.closed) return;
    const synced = getSyncedVersion(editor.state);
    if (fromVersion > synced) {
      // we missed something (lost frames around a reconnect): ask for everything after our version
      this.pull(false);
      return;
    }
    if (synced > fromVersion) this.stats.overlapsTrimmed++;
    const fresh = updates.slice(synced - fromVersion);
    if (fresh.length) {
      const decoded = fresh.map((u) => ({ changes: ChangeSet.fromJSON(u.changes), clientID: u.clientId }));
      editor.dispatch(receiveUpdates(editor.state, decoded));
      for (const d of decoded) this.history.push(d.changes);
      if (this.history.length > HISTORY_KEPT) {
        const drop = this.history.length - HISTORY_KEPT;
        this.history.splice(0, drop);
        this.historyBase += drop;
      }
      this.link.synced(this.path, getSyncedVersion(editor.state));
    }
    this.maybePush();
  }

  ack(version: number) {
    this.stats.acks++;
    this.pushDone(version);
    this.expect();
  }

  conflict(version: number) {
    this.stats.conflicts++;
    this.pushDone(version);
    this.expect();
  }

  /**
   * After an ack or conflict naming version N the updates up to N are on their way; pull when they did not
   * arrive within a while (a lost frame, or a batch under a path this client did not know yet).
   */
  private expect() {
    if (this.conflictTimer) clearTimeout(this.conflictTimer);
    this.conflictTimer = setTimeout(() => {
      this.conflictTimer = null;
      if (this.editor && getSyncedVersion(this.editor.state) < this.waitVersion) this.pull(true);
    }, CONFLICT_PULL_MS);
  }

  /**
   * An error about this file's push or pull. `renamedAway`: the error names the path this file had before
   * a file.renamed we already applied; the push is then sent again under the new path (same seqs, so the
   * server never applies an update twice).
   */
  error(msg: ErrorMessage, renamedAway: boolean) {
    if (msg.ref === "push") {
      this.pushDone(0);
      if (msg.code === "NO_SUCH_FILE" && renamedAway) this.maybePush();
      else if (msg.code === "RATE_LIMITED") this.retryTimer = setTimeout(() => this.maybePush(), 1000);
      else if (msg.code === "VERSION_AHEAD") this.pull(true);
      // INVALID_CHANGES / TOO_LARGE / FORBIDDEN / NO_SUCH_FILE would repeat forever: stop pushing this file
      else this.waitVersion = NEVER;
    } else if (msg.ref === "pull") {
      this.pullSentAt = null;
      if (msg.code === "NO_SUCH_FILE" && renamedAway) this.pull(true);
      else if (msg.code === "VERSION_GONE") this.link.reload("This editor fell too far behind the session; reloading it.");
    }
  }

  pull(force: boolean) {
    if (!this.editor || this.closed) return;
    const version = getSyncedVersion(this.editor.state);
    const now = Date.now();
    if (!force && this.pullSentAt && this.pullSentAt.version === version && now - this.pullSentAt.at < 3000) return;
    if (this.link.send(this.scoped({ type: "pull" as const, version }))) {
      this.stats.pulls++;
      this.pullSentAt = { version, at: now };
    }
  }

  private pushDone(version: number) {
    this.pushInFlight = false;
    if (this.pushTimer) clearTimeout(this.pushTimer);
    this.pushTimer = null;
    this.waitVersion = Math.max(this.waitVersion, version);
    this.maybePush();
  }

  maybePush() {
    const editor = this.editor;
    if (!editor || this.closed || !this.link.joined || this.pushInFlight) return;
    const synced = getSyncedVersion(editor.state);
    if (synced < this.waitVersion) return;
    const sendable = sendableUpdates(editor.state);
    if (!sendable.length) return;
    const updates = sendable.slice(0, MAX_PUSH).map((u) => {
      let seq = this.seqs.get(u.origin);
      if (seq === undefined) {
        seq = ++this.lastSeq;
        this.seqs.set(u.origin, seq);
      }
      return { clientId: this.link.clientId, seq, changes: u.changes.toJSON() };
    });
    if (!this.link.send(this.scoped({ type: "push" as const, version: synced, updates }))) return;
    this.stats.pushes++;
    this.pushInFlight = true;
    // safety net: a lost answer must not stall the loop (a resend is harmless: the server skips known seqs)
    this.pushTimer = setTimeout(() => {
      this.pushInFlight = false;
      this.pull(true);
    }, PUSH_TIMEOUT_MS);
  }

  // ---- presence ---------------------------------------------------------------------------------------

  /** Shares this client's selection (null: none) in this file, expressed at the synced version. */
  presence(selection: Selection | null): boolean {
    const editor = this.editor;
    if (!editor || this.closed) return false;
    if (!selection) return this.link.send(this.scoped({ type: "presence" as const, selection: null, version: getSyncedVersion(editor.state) }));
    const p = this.presenceFor(selection);
    return p ? this.link.send(this.scoped({ type: "presence" as const, ...p })) : false;
  }

  /** This client's selection expressed at the synced version (local unconfirmed changes mapped out). */
  presenceFor(sel: Selection): { selection: Selection; version: number } | null {
    const editor = this.editor;
    if (!editor) return null;
    const pending = this.pendingChanges();
    const back = pending ? pending.invertedDesc : null;
    const map = (p: number) => (back ? back.mapPos(p, -1) : p);
    return { selection: { anchor: map(sel.anchor), head: map(sel.head) }, version: getSyncedVersion(editor.state) };
  }

  /**
   * Maps a position a remote client sent at `version` into the current editor document.
   * Returns null when that version has not arrived here yet (try again after the next "synced").
   */
  mapRemote(pos: number, version: number, assoc = 1): number | null {
    const editor = this.editor;
    if (!editor) return null;
    const synced = getSyncedVersion(editor.state);
    if (version > synced) return null;
    let start = version - this.historyBase;
    if (start < 0) start = 0; // older than what we keep: best effort
    for (let i = start; i < this.history.length; i++) {
      pos = Math.min(pos, this.history[i].length);
      pos = this.history[i].mapPos(pos, assoc);
    }
    const pending = this.pendingChanges();
    if (pending) pos = pending.mapPos(Math.min(pos, pending.length), assoc);
    return Math.max(0, Math.min(pos, editor.state.doc.length));
  }

  /** Composition of the unconfirmed local updates (from the synced document to the editor's document). */
  private pendingChanges(): ChangeDesc | null {
    const editor = this.editor;
    if (!editor) return null;
    const sendable = sendableUpdates(editor.state);
    if (!sendable.length) return null;
    let desc: ChangeDesc = sendable[0].changes.desc;
    for (let i = 1; i < sendable.length; i++) desc = desc.composeDesc(sendable[i].changes.desc);
    return desc;
  }
}
