// The socket client between unmodified @codemirror/collab editors and a Tandem server (docs/protocol.md).
//
// This class is the connection and the router: it says hello, reconnects with backoff and resumes its identity,
// and hands each file-scoped message (v1.1 "Several files": `file` on push, pull, updates, ack, conflict,
// presence, error) to that file's DocumentSync, which does the collab sync of one document (./document.ts).
// The main file keeps the v1 API (attach, presence, mapRemote); the other files have attachFile, file(path),
// createFile, renameFile, deleteFile. Presence and runs ride on the same socket (presence(), run(), submit()).
import { DocumentSync, type CollabEditor, type DocumentLink } from "./document.js";
import {
  parseServerMessage,
  type ClientMessage,
  type FileDeleted,
  type HelloMessage,
  type Selection,
  type ServerMessage,
  type TransportMessage,
  type WelcomeMessage,
} from "./protocol.js";
import {
  CLOSE_REMOVED,
  CLOSE_SESSION_GONE,
  CLOSE_TAKEN_OVER,
  CLOSE_TOO_FAR_BEHIND,
  CLOSE_UNAUTHORIZED,
  OPEN,
  defaultWebSocket,
  type CloseInfo,
  type Connectivity,
  type MessageInfo,
  type TokenStore,
  type WebSocketConstructor,
  type WebSocketLike,
} from "./socket.js";

/** `unauthorized`: the server ended the connection because its token expired (4401); see `resume()`. */
export type ConnState = "connecting" | "connected" | "reconnecting" | "offline" | "gone" | "unauthorized";

export type { CollabEditor } from "./document.js";

export interface TandemClientEvents {
  /** The first welcome: the caller creates the editor (collab startVersion = welcome.version) and attach()es it. */
  welcome?(w: WelcomeMessage): void;
  state?(s: ConnState, detail?: string): void;
  /**
   * Every other server message (welcome again, joined, left, presence, run.*, submission.*, file.*, error) and
   * "synced". presence always has `file` (the file's current path, also for the main file); file.deleted has
   * `lostUpdates`; a reconnect's welcome that shows files created or deleted meanwhile comes with a file.created
   * or file.deleted (by null) for each.
   */
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
  /**
   * The main file's path for a language (`fileName` of GET /api/languages): the main file is renamed when the
   * session's language changes. Without it, after a `language` message the first file-scoped message for a
   * path the client does not know is taken to be the main file's new name.
   */
  mainFileOf?: (language: string) => string | undefined;
}

type TimerHandle = ReturnType<typeof setTimeout>;

export class TandemClient {
  readonly clientId: string;
  name: string;
  state: ConnState = "connecting";
  private reconnects = 0;
  private readonly url: string;
  private readonly events: TandemClientEvents;
  private readonly WebSocketCtor: WebSocketConstructor;
  private readonly tokens: TokenStore | null;
  private readonly connectivity: Connectivity | null;
  private readonly unwatch: (() => void) | null;
  private readonly backoffInitial: number;
  private readonly backoffMax: number;

  private ws: WebSocketLike | null = null;
  private joined = false;
  /** Got a welcome before (the first one makes the caller create the main editor). */
  private welcomed = false;
  private attempt = 0;
  private reconnectTimer: TimerHandle | null = null;
  private closedForGood = false;
  /** Joined at least once: a later 4404 means the session was closed, not that it never existed. */
  private everJoined = false;

  /** The resumeToken of clientId in this session, sent with every hello. */
  private resumeToken: string | null;
  private readonly mainFileOf: ((language: string) => string | undefined) | null;

  /** The main file (path "" until a v1.1 welcome names it) and the others by their current path. */
  private readonly main: DocumentSync;
  private readonly docs = new Map<string, DocumentSync>();
  /** Old path -> new path of renamed files: their messages may still come under the old name for a while. */
  private readonly renamed = new Map<string, string>();
  /** Paths of deleted files: late messages for them are dropped. */
  private readonly deleted = new Set<string>();
  /**
   * File-scoped messages for a path this client does not know yet (the server's file.renamed or file.created
   * may come after the first batch under the new path): replayed when a file takes that path.
   */
  private unrouted: ServerMessage[] = [];
  /** After a language switch without mainFileOf: the main file's new path is not known yet. */
  private mainPathUnknown = false;
  private readonly link: DocumentLink;

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
    this.mainFileOf = options.mainFileOf ?? null;
    const client = this;
    this.link = {
      clientId: this.clientId,
      get joined() {
        return client.joined;
      },
      send: (msg) => this.send(msg),
      synced: (file, version) => this.events.message?.({ type: "synced", version, file }),
      reload: (reason) => this.events.reload?.(reason),
    };
    this.main = new DocumentSync(this.link, "", true, null);
    this.connect();
  }

  /** Counters for tests and curious humans (summed over the files). */
  get stats() {
    const s = { pushes: 0, acks: 0, conflicts: 0, pulls: 0, reconnects: this.reconnects, overlapsTrimmed: 0 };
    for (const d of this.allDocs()) {
      s.pushes += d.stats.pushes;
      s.acks += d.stats.acks;
      s.conflicts += d.stats.conflicts;
      s.pulls += d.stats.pulls;
      s.overlapsTrimmed += d.stats.overlapsTrimmed;
    }
    return s;
  }

  private allDocs(): DocumentSync[] {
    return [this.main, ...this.docs.values()];
  }

  /** Hands the client the editor made from the first welcome; from now on it syncs that editor (the main file). */
  attach(editor: CollabEditor) {
    this.main.attach(editor);
  }

  /**
   * Syncs `path` with this editor from now on: make it from file(path).snapshot() (its content, and collab's
   * startVersion = its version). Until a file is attached, a background editor follows it.
   */
  attachFile(path: string, editor: CollabEditor) {
    const doc = this.file(path);
    if (!doc) throw new Error("no such file: " + path);
    doc.attach(editor);
  }

  /** The document of a file by its current path (the main file's too), or null. */
  file(path: string): DocumentSync | null {
    if (path === this.main.path) return this.main;
    return this.docs.get(path) ?? null;
  }

  /** The files as this client knows them, the main file first ("" as the main path before a v1.1 welcome). */
  files(): { path: string; main: boolean }[] {
    return this.allDocs().map((d) => ({ path: d.path, main: d.main }));
  }

  get mainPath(): string {
    return this.main.path;
  }

  /** Call on every local transaction that changed a document (e.g. from an EditorView update listener). */
  localChange() {
    for (const d of this.allDocs()) d.maybePush();
  }

  /** v1.1 "Several files": adds a file; everyone, this client too, gets file.created (or an error with ref file.create). */
  createFile(path: string, content = ""): boolean {
    return this.send({ type: "file.create", path, content });
  }

  /** Renames a file (not the main one); its pending edits follow it to the new path. */
  renameFile(path: string, to: string): boolean {
    return this.send({ type: "file.rename", path, to });
  }

  deleteFile(path: string): boolean {
    return this.send({ type: "file.delete", path });
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

  /** Shares this client's selection (null: none) in `file` (default: the main file), expressed at its synced version. */
  presence(selection: Selection | null, file?: string): boolean {
    const doc = file === undefined ? this.main : this.file(file);
    return doc ? doc.presence(selection) : false;
  }

  /** Reconnect now (used to apply a new name: hello carries it). */
  rejoin(name: string) {
    this.name = name;
    this.dropSocket();
    this.attempt = 0;
    this.connect();
  }

  /**
   * Connects again after state `unauthorized`, once the caller has a new token (the transport reads it at each
   * connect): the same clientId resumes, and the edits that were not confirmed are pushed.
   */
  resume() {
    if (this.state !== "unauthorized") return;
    this.closedForGood = false;
    this.attempt = 0;
    this.setState("reconnecting");
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
      const end = this.endingClose(e.code);
      if (end) {
        this.closedForGood = true;
        this.setState(end.state, end.detail);
        return;
      }
      if (e.code === CLOSE_TOO_FAR_BEHIND) {
        this.events.reload?.("This editor fell too far behind the session; reloading it.");
        return;
      }
      this.scheduleReconnect();
    };
  }

  /** The close codes after which reconnecting on our own would be wrong: the state to stay in and why. */
  private endingClose(code: number): { state: ConnState; detail: string } | null {
    switch (code) {
      case CLOSE_SESSION_GONE:
        return { state: "gone", detail: this.everJoined ? "This session was closed by its owner." : "This session does not exist." };
      case CLOSE_REMOVED:
        // the owner removed this participant: coming back on our own would undo their decision
        return { state: "gone", detail: "You were removed from this session by its owner." };
      case CLOSE_TAKEN_OVER:
        // this clientId resumed on another connection: reconnecting would only take it back and forth
        return { state: "gone", detail: "This editor was opened again on another connection." };
      case CLOSE_UNAUTHORIZED:
        // the token expired: every reconnect with it would be refused again, so wait for a new one (resume()).
        // Unconfirmed edits stay in the editors and go out after resume().
        return { state: "unauthorized", detail: "Your sign-in has expired. Sign in again to keep editing." };
      default:
        return null;
    }
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
    for (const d of this.allDocs()) d.resetInFlight();
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
        return this.routeOrKeep(msg)?.doc.updates(msg.fromVersion, msg.updates);
      case "ack":
        return this.routeOrKeep(msg)?.doc.ack(msg.version);
      case "conflict":
        return this.routeOrKeep(msg)?.doc.conflict(msg.version);
      case "error":
        if (msg.ref === "push" || msg.ref === "pull") {
          const to = this.route(msg.file);
          to?.doc.error(msg, to.renamedAway);
          // our own push under a name the file just lost: resent under the new one, nothing to report; or for a
          // file deleted meanwhile: its file.deleted already told the caller (with lostUpdates)
          if (msg.code === "NO_SUCH_FILE" && (to?.renamedAway || (!to && msg.file !== undefined && this.deleted.has(msg.file)))) return;
        }
        break;
      case "presence": {
        const to = this.route(msg.file);
        if (!to) return; // a deleted file
        msg = { ...msg, file: to.doc.path };
        break;
      }
      case "file.created":
        this.onCreated(msg.path, msg.content, msg.version);
        this.events.message?.(msg);
        return this.replayFor(msg.path);
      case "file.renamed":
        this.onRenamed(msg.path, msg.to);
        this.events.message?.(msg);
        return this.replayFor(msg.to);
      case "file.deleted": {
        const lost = this.onDeleted(msg.path);
        if (lost === null) return;
        msg = { ...msg, lostUpdates: lost };
        break;
      }
      case "language": {
        const path = this.mainFileOf?.(msg.language);
        if (path) this.setMainPath(path);
        else if (this.main.path) this.mainPathUnknown = true;
        break;
      }
    }
    this.events.message?.(msg);
  }

  /** route(), keeping a message for an unknown (not deleted) path until a file takes that path. */
  private routeOrKeep(msg: ServerMessage & { file?: string }) {
    const to = this.route(msg.file);
    if (!to && msg.file !== undefined && !this.deleted.has(msg.file)) {
      this.unrouted.push(msg);
      if (this.unrouted.length > 500) this.unrouted.splice(0, this.unrouted.length - 500);
    }
    return to;
  }

  /** A file now has `path`: the messages that came for it early are handled now, in their order. */
  private replayFor(path: string) {
    const early = this.unrouted.filter((m) => (m as { file?: string }).file === path);
    if (!early.length) return;
    this.unrouted = this.unrouted.filter((m) => (m as { file?: string }).file !== path);
    for (const m of early) this.handle(m);
  }

  /** The document a file-scoped server message is about; `renamedAway` when it names a path the file had before. */
  private route(file: string | undefined): { doc: DocumentSync; renamedAway: boolean } | null {
    if (file === undefined || file === null || file === this.main.path) return { doc: this.main, renamedAway: false };
    const doc = this.docs.get(file);
    if (doc) return { doc, renamedAway: false };
    let path = file;
    for (let i = 0; i < 64 && this.renamed.has(path); i++) path = this.renamed.get(path)!;
    if (path !== file) {
      const target = this.file(path);
      if (target) return { doc: target, renamedAway: true };
    }
    if (this.deleted.has(file)) return null;
    if (this.mainPathUnknown) {
      // after a language switch: the one path we do not know is the main file's new name
      this.setMainPath(file);
      return { doc: this.main, renamedAway: false };
    }
    return null;
  }

  private setMainPath(path: string) {
    const before = this.main.path;
    this.mainPathUnknown = false;
    if (before === path) return;
    if (before) this.renamed.set(before, path);
    this.renamed.delete(path);
    this.deleted.delete(path);
    this.main.path = path;
  }

  private onCreated(path: string, content: string, version: number) {
    if (this.file(path)) return;
    this.renamed.delete(path);
    this.deleted.delete(path);
    this.docs.set(path, new DocumentSync(this.link, path, false, { content, version }));
  }

  private onRenamed(path: string, to: string) {
    const doc = this.file(path);
    if (!doc) return;
    if (doc.main) return this.setMainPath(to);
    this.docs.delete(path);
    doc.path = to;
    this.docs.set(to, doc);
    this.renamed.set(path, to);
    this.renamed.delete(to);
    this.deleted.delete(to);
    // a push in flight under the old path is answered under it (ack, or NO_SUCH_FILE and then resent here)
    doc.maybePush();
  }

  /** Forgets a deleted file; answers how many of our edits to it were unconfirmed, or null for an unknown file. */
  private onDeleted(path: string): number | null {
    const doc = this.docs.get(path);
    if (!doc) return null;
    this.docs.delete(path);
    this.deleted.add(path);
    return doc.close();
  }

  private onWelcome(w: WelcomeMessage) {
    this.joined = true;
    this.everJoined = true;
    if (w.resumeToken) {
      this.resumeToken = w.resumeToken;
      this.tokens?.save(w.resumeToken);
    }
    this.attempt = 0;
    const first = !this.welcomed;
    this.welcomed = true;
    if (!first) this.reconnects++;
    this.unrouted = []; // the welcome and the pulls after it bring everything
    const changes = w.files ? this.welcomeFiles(w, first) : [];
    if (first) this.events.welcome?.(w);
    this.setState("connected");
    this.events.message?.(w);
    for (const c of changes) this.events.message?.(c);
    this.main.joined(w.version);
    if (w.files) for (const f of w.files.slice(1)) this.docs.get(f.path)?.joined(f.version);
  }

  /** Takes the files of a welcome; after a reconnect, answers the files created and deleted meanwhile. */
  private welcomeFiles(w: WelcomeMessage, first: boolean): TransportMessage[] {
    const files = w.files!;
    const changes: TransportMessage[] = [];
    if (files.length) this.setMainPath(files[0].path);
    const present = new Set(files.map((f) => f.path));
    for (const [path] of [...this.docs]) {
      if (present.has(path)) continue;
      const lost = this.onDeleted(path);
      const gone: FileDeleted = { type: "file.deleted", path, by: null, clientId: null, lostUpdates: lost ?? 0 };
      changes.push(gone);
    }
    for (const f of files.slice(1)) {
      if (this.docs.has(f.path)) continue;
      this.onCreated(f.path, f.content, f.version);
      if (!first) changes.push({ type: "file.created", path: f.path, version: f.version, content: f.content, by: "", clientId: "" });
    }
    return changes;
  }

  // ---- presence ---------------------------------------------------------------------------------------

  /** This client's selection in the main file expressed at the synced version (local unconfirmed changes mapped out). */
  presenceFor(sel: Selection): { selection: Selection; version: number } | null {
    return this.main.presenceFor(sel);
  }

  /**
   * Maps a position a remote client sent at `version` into the current document of `file` (default: the main
   * file). Returns null when that version has not arrived here yet (try again after the next "synced").
   */
  mapRemote(pos: number, version: number, assoc = 1, file?: string): number | null {
    const doc = file === undefined ? this.main : this.file(file);
    return doc ? doc.mapRemote(pos, version, assoc) : null;
  }
}
