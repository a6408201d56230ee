// The socket client between an unmodified @codemirror/collab and a Tandem server (docs/protocol.md).
//
// collab keeps the synced version and the unconfirmed local updates; this class only moves them over the
// wire: it numbers updates (seq), pushes one batch at a time, trims overlapping `updates` batches by
// `fromVersion`, pulls on a gap and after a reconnect, and reconnects with backoff. It never transforms
// changes itself. Presence and runs ride on the same socket (presence(), run(), submit()).
import { ChangeSet, type ChangeDesc, type EditorState, type Transaction } from "@codemirror/state";
import { getSyncedVersion, receiveUpdates, sendableUpdates } from "@codemirror/collab";
import {
  parseServerMessage,
  type ClientMessage,
  type ErrorMessage,
  type HelloMessage,
  type Selection,
  type ServerMessage,
  type TransportMessage,
  type UpdateJson,
  type WelcomeMessage,
} from "./protocol.js";
import {
  CLOSE_REMOVED,
  CLOSE_SESSION_GONE,
  CLOSE_TAKEN_OVER,
  CLOSE_TOO_FAR_BEHIND,
  OPEN,
  defaultWebSocket,
  type CloseInfo,
  type Connectivity,
  type MessageInfo,
  type TokenStore,
  type WebSocketConstructor,
  type WebSocketLike,
} from "./socket.js";

export type ConnState = "connecting" | "connected" | "reconnecting" | "offline" | "gone";

/** What the client needs of an editor: a CodeMirror EditorView fits, and so does HeadlessEditor. */
export interface CollabEditor {
  readonly state: EditorState;
  dispatch(tr: Transaction): void;
}

export interface TandemClientEvents {
  /** The first welcome: the caller creates the editor (collab startVersion = welcome.version) and attach()es it. */
  welcome?(w: WelcomeMessage): void;
  state?(s: ConnState, detail?: string): void;
  /** Every other server message (welcome again, joined, left, presence, run.*, submission.*, error) and "synced". */
  message?(msg: TransportMessage): void;
  /** The session can no longer be resumed (its history moved on): the caller must load it afresh. */
  reload?(reason: string): void;
}

export interface TandemClientOptions {
  /** ws:// or wss:// URL of the session socket, e.g. ws://host/ws/sessions/{id}?token=... */
  url: string;
  clientId: string;
  name: string;
  events?: TandemClientEvents;
  /** A WebSocket-compatible constructor; defaults to globalThis.WebSocket (absent in Node 20: pass ws's). */
  WebSocket?: WebSocketConstructor;
  /** Keeps the resumeToken across connections (and page loads); without it the token lives in memory. */
  tokens?: TokenStore;
  connectivity?: Connectivity;
  /** Reconnect backoff: first delay and ceiling in ms (each delay is scaled by a random 0.5..1). */
  backoff?: { initialMs?: number; maxMs?: number };
}

/** How many received change sets are kept to map remote presence sent at an older version. */
const HISTORY_KEPT = 2000;
/** Updates per push (the server accepts up to 1,000). */
const MAX_PUSH = 500;
/** A push without ack or conflict within this time is given up (and resent after a pull). */
const PUSH_TIMEOUT_MS = 5000;
/** After a conflict the missing updates are on their way; pull when they did not arrive within this time. */
const CONFLICT_PULL_MS = 1500;

type TimerHandle = ReturnType<typeof setTimeout>;

export class TandemClient {
  readonly clientId: string;
  name: string;
  state: ConnState = "connecting";
  /** Counters for tests and curious humans. */
  readonly stats = { pushes: 0, acks: 0, conflicts: 0, pulls: 0, reconnects: 0, overlapsTrimmed: 0 };

  private readonly url: string;
  private readonly events: TandemClientEvents;
  private readonly WebSocketCtor: WebSocketConstructor;
  private readonly tokens: TokenStore | null;
  private readonly connectivity: Connectivity | null;
  private readonly unwatch: (() => void) | null;
  private readonly backoffInitial: number;
  private readonly backoffMax: number;

  private ws: WebSocketLike | null = null;
  private editor: CollabEditor | null = null;
  private joined = false;
  private attempt = 0;
  private reconnectTimer: TimerHandle | null = null;
  private closedForGood = false;
  /** Joined at least once: a later 4404 means the session was closed, not that it never existed. */
  private everJoined = false;

  /** seq per local update, keyed by the transaction that created it: collab keeps `origin` when it rebases. */
  private readonly seqs = new WeakMap<Transaction, number>();
  private lastSeq = 0;
  private pushInFlight = false;
  private pushTimer: TimerHandle | null = null;
  /** After ack/conflict/welcome naming version N, do not push before we have N. */
  private waitVersion = 0;
  private conflictTimer: TimerHandle | null = null;
  private pullSentAt: { version: number; at: number } | null = null;
  /** The resumeToken of clientId in this session, sent with every hello. */
  private resumeToken: string | null;

  /** Received changes, history[i] takes version historyBase+i to historyBase+i+1. */
  private history: ChangeSet[] = [];
  private historyBase = 0;

  constructor(options: TandemClientOptions) {
    this.url = options.url;
    this.clientId = options.clientId;
    this.name = options.name;
    this.events = options.events ?? {};
    this.WebSocketCtor = options.WebSocket ?? defaultWebSocket();
    this.tokens = options.tokens ?? null;
    this.connectivity = options.connectivity ?? null;
    this.backoffInitial = options.backoff?.initialMs ?? 300;
    this.backoffMax = options.backoff?.maxMs ?? 10_000;
    this.resumeToken = this.tokens?.load() ?? null;
    this.unwatch = this.connectivity?.watch(this.onOnline, this.onOffline) ?? null;
    this.connect();
  }

  /** Hands the client the editor made from the first welcome; from now on it syncs that editor. */
  attach(editor: CollabEditor) {
    this.editor = editor;
    this.historyBase = getSyncedVersion(editor.state);
    this.maybePush();
  }

  /** Call on every local transaction that changed the document (e.g. from an EditorView update listener). */
  localChange() {
    this.maybePush();
  }

  get connected() {
    return this.joined;
  }

  /** Sends a message of the contract; false when not connected (nothing is queued). */
  send(msg: ClientMessage): boolean {
    if (!this.ws || !this.joined || this.ws.readyState !== OPEN) return false;
    this.ws.send(JSON.stringify(msg));
    return true;
  }

  /** Asks the server to run the session's current version; its run.* events arrive through events.message. */
  run(stdin = "", options: { interactive?: boolean } = {}): boolean {
    return this.send(options.interactive ? { type: "run", stdin, interactive: true } : { type: "run", stdin });
  }

  /** v1.1 "Interactive runs": types into a running interactive run's stdin; everyone gets run.input. */
  runInput(runId: string, data: string): boolean {
    return this.send({ type: "run.input", runId, data });
  }

  /** v1.1 "Interactive runs": closes an interactive run's stdin. */
  runEof(runId: string): boolean {
    return this.send({ type: "run.eof", runId });
  }

  /** Stops a queued or running run (interactive or not); everyone gets run.finished with outcome cancelled. */
  runCancel(runId: string): boolean {
    return this.send({ type: "run.cancel", runId });
  }

  /** Judges the session's code against its problem ("examples": the visible examples only). */
  submit(mode: "submit" | "examples" = "submit"): boolean {
    return this.send({ type: "submit", mode });
  }

  /** Shares this client's selection (null: none) with the others, expressed at the synced version. */
  presence(selection: Selection | null): boolean {
    if (!selection) return this.editor ? this.send({ type: "presence", selection: null, version: getSyncedVersion(this.editor.state) }) : false;
    const p = this.presenceFor(selection);
    return p ? this.send({ type: "presence", ...p }) : false;
  }

  /** Reconnect now (used to apply a new name: hello carries it). */
  rejoin(name: string) {
    this.name = name;
    this.dropSocket();
    this.attempt = 0;
    this.connect();
  }

  destroy() {
    this.closedForGood = true;
    this.unwatch?.();
    this.dropSocket();
  }

  // ---- connection -------------------------------------------------------------------------------------

  private connect() {
    if (this.closedForGood) return;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    // no early return when offline: some systems report it wrongly, so always try
    let ws: WebSocketLike;
    try {
      ws = new this.WebSocketCtor(this.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    if (this.state !== "connecting") this.setState(this.online() ? "reconnecting" : "offline");
    ws.onopen = () => {
      if (this.ws !== ws) return;
      const hello: HelloMessage = { type: "hello", clientId: this.clientId, name: this.name };
      if (this.resumeToken) hello.resumeToken = this.resumeToken;
      ws.send(JSON.stringify(hello));
    };
    ws.onmessage = (e: MessageInfo) => {
      if (this.ws !== ws || typeof e.data !== "string") return;
      const msg = parseServerMessage(e.data);
      if (msg) this.handle(msg);
    };
    ws.onerror = () => {
      /* onclose follows and decides */
    };
    ws.onclose = (e: CloseInfo) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.resetInFlight();
      if (e.code === CLOSE_SESSION_GONE) {
        this.closedForGood = true;
        this.setState("gone", this.everJoined ? "This session was closed by its owner." : "This session does not exist.");
        return;
      }
      if (e.code === CLOSE_REMOVED) {
        // the owner removed this participant: coming back on our own would undo their decision
        this.closedForGood = true;
        this.setState("gone", "You were removed from this session by its owner.");
        return;
      }
      if (e.code === CLOSE_TAKEN_OVER) {
        // this clientId resumed on another connection: reconnecting would only take it back and forth
        this.closedForGood = true;
        this.setState("gone", "This editor was opened again on another connection.");
        return;
      }
      if (e.code === CLOSE_TOO_FAR_BEHIND) {
        this.events.reload?.("This editor fell too far behind the session; reloading it.");
        return;
      }
      this.scheduleReconnect();
    };
  }

  private online() {
    return this.connectivity ? this.connectivity.isOnline() : true;
  }

  /** Forget the current socket at once (its late events are ignored) and close it. */
  private dropSocket() {
    const ws = this.ws;
    this.ws = null;
    this.resetInFlight();
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = null;
      ws.onerror = () => {}; // ws (Node) throws on an unhandled error event of a socket closed while connecting
      try {
        ws.close();
      } catch {
        /* already closed */
      }
    }
  }

  private resetInFlight() {
    this.joined = false;
    this.pushInFlight = false;
    this.pullSentAt = null;
    if (this.pushTimer) clearTimeout(this.pushTimer);
    if (this.conflictTimer) clearTimeout(this.conflictTimer);
    this.pushTimer = this.conflictTimer = null;
  }

  private scheduleReconnect() {
    if (this.closedForGood) return;
    this.setState(this.online() ? "reconnecting" : "offline");
    // exponential backoff with jitter: 0.3 s, 0.6 s, 1.2 s ... up to 10 s, each scaled by 0.5..1
    const base = Math.min(this.backoffMax, this.backoffInitial * 2 ** this.attempt);
    this.attempt++;
    const delay = base * (0.5 + Math.random() * 0.5);
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  private onOffline = () => {
    // the socket may linger half-open: drop it now, keep trying in the background (the online event hurries it)
    this.dropSocket();
    this.scheduleReconnect();
  };

  private onOnline = () => {
    if (this.closedForGood) return;
    this.attempt = 0;
    this.dropSocket();
    this.connect();
  };

  private setState(s: ConnState, detail?: string) {
    this.state = s;
    this.events.state?.(s, detail);
  }

  // ---- messages ---------------------------------------------------------------------------------------

  /** Routes one server message (public for tests that inject the contract's events). */
  handle(msg: ServerMessage) {
    switch (msg.type) {
      case "welcome":
        return this.onWelcome(msg);
      case "updates":
        return this.onUpdates(msg.fromVersion, msg.updates);
      case "ack":
        this.stats.acks++;
        this.pushDone(msg.version);
        return;
      case "conflict":
        this.stats.conflicts++;
        this.pushDone(msg.version);
        this.conflictTimer = setTimeout(() => {
          if (this.editor && getSyncedVersion(this.editor.state) < this.waitVersion) this.pull(true);
        }, CONFLICT_PULL_MS);
        return;
      case "error":
        this.onError(msg);
        break;
    }
    this.events.message?.(msg);
  }

  private onWelcome(w: WelcomeMessage) {
    this.joined = true;
    this.everJoined = true;
    if (w.resumeToken) {
      this.resumeToken = w.resumeToken;
      this.tokens?.save(w.resumeToken);
    }
    this.attempt = 0;
    const first = !this.editor;
    if (!first) this.stats.reconnects++;
    if (first) this.events.welcome?.(w);
    this.setState("connected");
    this.events.message?.(w);
    if (!this.editor) return;
    const synced = getSyncedVersion(this.editor.state);
    if (w.version < synced) {
      this.events.reload?.("The server lost part of this session's history; reloading it.");
      return;
    }
    this.waitVersion = Math.max(this.waitVersion, w.version);
    if (w.version > synced) this.pull(true);
    this.maybePush();
  }

  private onUpdates(fromVersion: number, updates: UpdateJson[]) {
    const editor = this.editor;
    if (!editor) return;
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
      this.events.message?.({ type: "synced", version: getSyncedVersion(editor.state) });
    }
    this.maybePush();
  }

  private onError(msg: ErrorMessage) {
    if (msg.ref === "push") {
      this.pushDone(0);
      if (msg.code === "RATE_LIMITED") setTimeout(() => this.maybePush(), 1000);
      else if (msg.code === "VERSION_AHEAD") this.pull(true);
      // INVALID_CHANGES / TOO_LARGE / FORBIDDEN would repeat forever: stop pushing until reload
      else this.waitVersion = Number.MAX_SAFE_INTEGER;
    } else if (msg.ref === "pull") {
      this.pullSentAt = null;
      if (msg.code === "VERSION_GONE") this.events.reload?.("This editor fell too far behind the session; reloading it.");
    }
  }

  private pull(force: boolean) {
    if (!this.editor) return;
    const version = getSyncedVersion(this.editor.state);
    const now = Date.now();
    if (!force && this.pullSentAt && this.pullSentAt.version === version && now - this.pullSentAt.at < 3000) return;
    if (this.send({ type: "pull", version })) {
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

  private maybePush() {
    const editor = this.editor;
    if (!editor || !this.joined || this.pushInFlight) return;
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
      return { clientId: this.clientId, seq, changes: u.changes.toJSON() };
    });
    if (!this.send({ type: "push", version: synced, updates })) return;
    this.stats.pushes++;
    this.pushInFlight = true;
    // safety net: a lost answer must not stall the loop (a resend is harmless: the server skips known seqs)
    this.pushTimer = setTimeout(() => {
      this.pushInFlight = false;
      this.pull(true);
    }, PUSH_TIMEOUT_MS);
  }

  // ---- presence ---------------------------------------------------------------------------------------

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
