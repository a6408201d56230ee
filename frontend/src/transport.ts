// The socket transport between an unmodified @codemirror/collab and a Tandem server (docs/protocol.md).
//
// collab keeps the synced version and the unconfirmed local updates; this class only moves them over the
// wire: it numbers updates (seq), pushes one batch at a time, trims overlapping `updates` batches by
// `fromVersion`, pulls on a gap, and reconnects with backoff. It never transforms changes itself.
import { ChangeSet, type ChangeDesc, type Transaction } from "@codemirror/state";
import type { EditorView } from "@codemirror/view";
import { getSyncedVersion, receiveUpdates, sendableUpdates } from "@codemirror/collab";
import {
  type HelloMessage,
  parseServerMessage,
  type ClientMessage,
  type ErrorMessage,
  type Selection,
  type ServerMessage,
  type TransportMessage,
  type UpdateJson,
  type WelcomeMessage,
} from "./protocol";

export type ConnState = "connecting" | "connected" | "reconnecting" | "offline" | "gone";

// The message types live in ./protocol (one module mirroring the contract); re-exported for the page.
export type { Participant, Selection } from "./protocol";
export type Welcome = WelcomeMessage;

export interface TransportEvents {
  /** The first welcome: the caller creates the editor (collab startVersion = welcome.version) and attach()es it. */
  welcome(w: Welcome): void;
  state(s: ConnState, detail?: string): void;
  /** Every other server message (joined, left, presence, run.*, error, ...). */
  message(msg: TransportMessage): void;
  /** The session can no longer be resumed (its history moved on): the page must reload it. */
  reload(reason: string): void;
}

/** How many received change sets are kept to map remote presence sent at an older version. */
const HISTORY_KEPT = 2000;
/** Updates per push (the server accepts up to 1,000). */
const MAX_PUSH = 500;

export class Transport {
  private ws: WebSocket | null = null;
  private view: EditorView | null = null;
  private joined = false;
  private attempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private closedForGood = false;

  /** seq per local update, keyed by the transaction that created it: collab keeps `origin` when it rebases. */
  private readonly seqs = new WeakMap<Transaction, number>();
  private lastSeq = 0;
  private pushInFlight = false;
  private pushTimer: ReturnType<typeof setTimeout> | null = null;
  /** After ack/conflict/welcome naming version N, do not push before we have N. */
  private waitVersion = 0;
  private conflictTimer: ReturnType<typeof setTimeout> | null = null;
  private pullSentAt: { version: number; at: number } | null = null;
  /** The resumeToken of clientId in this session (v1.1 "Identity across reconnects"), sent with every hello. */
  private resumeToken: string | null = null;

  /** Received changes, history[i] takes version historyBase+i to historyBase+i+1. */
  private history: ChangeSet[] = [];
  private historyBase = 0;

  state: ConnState = "connecting";
  /** Counters for tests and curious humans. */
  readonly stats = { pushes: 0, acks: 0, conflicts: 0, pulls: 0, reconnects: 0, overlapsTrimmed: 0 };

  constructor(
    private readonly url: string,
    readonly clientId: string,
    public name: string,
    private readonly events: TransportEvents,
    /** sessionStorage key under which the resumeToken is kept (one per session and clientId), or null. */
    private readonly tokenKey: string | null = null,
  ) {
    if (tokenKey) this.resumeToken = readStored(tokenKey);
    window.addEventListener("offline", this.onOffline);
    window.addEventListener("online", this.onOnline);
    this.connect();
  }

  attach(view: EditorView) {
    this.view = view;
    this.historyBase = getSyncedVersion(view.state);
  }

  /** Call on every local transaction (from an EditorView update listener). */
  localChange() {
    this.maybePush();
  }

  get connected() {
    return this.joined;
  }

  send(msg: ClientMessage): boolean {
    if (!this.ws || !this.joined || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(msg));
    return true;
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
    window.removeEventListener("offline", this.onOffline);
    window.removeEventListener("online", this.onOnline);
    this.dropSocket();
  }

  // ---- connection -------------------------------------------------------------------------------------

  private connect() {
    if (this.closedForGood) return;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    // no early return when navigator.onLine is false: some systems report it wrongly, so always try
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    if (this.state !== "connecting") this.setState(navigator.onLine ? "reconnecting" : "offline");
    ws.onopen = () => {
      if (this.ws !== ws) return;
      const hello: HelloMessage = { type: "hello", clientId: this.clientId, name: this.name };
      if (this.resumeToken) hello.resumeToken = this.resumeToken;
      ws.send(JSON.stringify(hello));
    };
    ws.onmessage = (e) => {
      if (this.ws !== ws) return;
      const msg = parseServerMessage(e.data);
      if (msg) this.handle(msg);
    };
    ws.onclose = (e) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.resetInFlight();
      if (e.code === 4404) {
        this.closedForGood = true;
        this.setState("gone", "This session does not exist.");
        return;
      }
      if (e.code === 4409) {
        // this clientId resumed on another connection: reconnecting would only take it back and forth
        this.closedForGood = true;
        this.setState("gone", "This editor was opened again on another connection.");
        return;
      }
      if (e.code === 4410) {
        this.events.reload("This editor fell too far behind the session; reloading it.");
        return;
      }
      this.scheduleReconnect();
    };
  }

  /** Forget the current socket at once (its late events are ignored) and close it. */
  private dropSocket() {
    const ws = this.ws;
    this.ws = null;
    this.resetInFlight();
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
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
    this.setState(navigator.onLine ? "reconnecting" : "offline");
    // exponential backoff with jitter: 0.3 s, 0.6 s, 1.2 s ... up to 10 s, each scaled by 0.5..1
    const base = Math.min(10_000, 300 * 2 ** this.attempt);
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
    this.events.state(s, detail);
  }

  // ---- messages ---------------------------------------------------------------------------------------

  private handle(msg: ServerMessage) {
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
        // the missing updates are on their way; pull if they do not arrive soon
        this.conflictTimer = setTimeout(() => {
          if (this.view && getSyncedVersion(this.view.state) < this.waitVersion) this.pull(true);
        }, 1500);
        return;
      case "error":
        this.onError(msg);
        break;
    }
    this.events.message(msg);
  }

  private onWelcome(w: Welcome) {
    this.joined = true;
    if (w.resumeToken) {
      this.resumeToken = w.resumeToken;
      if (this.tokenKey) writeStored(this.tokenKey, w.resumeToken);
    }
    this.attempt = 0;
    const first = !this.view;
    if (!first) this.stats.reconnects++;
    if (first) this.events.welcome(w);
    this.setState("connected");
    this.events.message(w);
    if (!this.view) return;
    const synced = getSyncedVersion(this.view.state);
    if (w.version < synced) {
      this.events.reload("The server lost part of this session's history; reloading it.");
      return;
    }
    this.waitVersion = Math.max(this.waitVersion, w.version);
    if (w.version > synced) this.pull(true);
    this.maybePush();
  }

  private onUpdates(fromVersion: number, updates: UpdateJson[]) {
    const view = this.view;
    if (!view) return;
    const synced = getSyncedVersion(view.state);
    if (fromVersion > synced) {
      // we missed something (lost frames around a reconnect): ask for everything after our version
      this.pull(false);
      return;
    }
    if (synced > fromVersion) this.stats.overlapsTrimmed++;
    const fresh = updates.slice(synced - fromVersion);
    if (fresh.length) {
      const decoded = fresh.map((u) => ({ changes: ChangeSet.fromJSON(u.changes), clientID: u.clientId }));
      view.dispatch(receiveUpdates(view.state, decoded));
      for (const d of decoded) this.history.push(d.changes);
      if (this.history.length > HISTORY_KEPT) {
        const drop = this.history.length - HISTORY_KEPT;
        this.history.splice(0, drop);
        this.historyBase += drop;
      }
      this.events.message({ type: "synced", version: getSyncedVersion(view.state) });
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
      if (msg.code === "VERSION_GONE") this.events.reload("This editor fell too far behind the session; reloading it.");
    }
  }

  private pull(force: boolean) {
    if (!this.view) return;
    const version = getSyncedVersion(this.view.state);
    const now = Date.now();
    if (!force && this.pullSentAt && this.pullSentAt.version === version && now - this.pullSentAt.at < 3000) return;
    if (this.send({ type: "pull", version })) this.stats.pulls++, (this.pullSentAt = { version, at: now });
  }

  private pushDone(version: number) {
    this.pushInFlight = false;
    if (this.pushTimer) clearTimeout(this.pushTimer);
    this.pushTimer = null;
    this.waitVersion = Math.max(this.waitVersion, version);
    this.maybePush();
  }

  private maybePush() {
    const view = this.view;
    if (!view || !this.joined || this.pushInFlight) return;
    const synced = getSyncedVersion(view.state);
    if (synced < this.waitVersion) return;
    const sendable = sendableUpdates(view.state);
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
    }, 5000);
  }

  // ---- presence ---------------------------------------------------------------------------------------

  /** This client's selection expressed at the synced version (local unconfirmed changes mapped out). */
  presenceFor(sel: Selection): { selection: Selection; version: number } | null {
    const view = this.view;
    if (!view) return null;
    const pending = this.pendingChanges();
    const back = pending ? pending.invertedDesc : null;
    const map = (p: number) => (back ? back.mapPos(p, -1) : p);
    return { selection: { anchor: map(sel.anchor), head: map(sel.head) }, version: getSyncedVersion(view.state) };
  }

  /**
   * Maps a position a remote client sent at `version` into the current editor document.
   * Returns null when that version has not arrived here yet (try again after the next sync).
   */
  mapRemote(pos: number, version: number, assoc = 1): number | null {
    const view = this.view;
    if (!view) return null;
    const synced = getSyncedVersion(view.state);
    if (version > synced) return null;
    let start = version - this.historyBase;
    if (start < 0) start = 0; // older than what we keep: best effort
    for (let i = start; i < this.history.length; i++) {
      pos = Math.min(pos, this.history[i].length);
      pos = this.history[i].mapPos(pos, assoc);
    }
    const pending = this.pendingChanges();
    if (pending) pos = pending.mapPos(Math.min(pos, pending.length), assoc);
    return Math.max(0, Math.min(pos, view.state.doc.length));
  }

  /** Composition of the unconfirmed local updates (from the synced document to the editor's document). */
  private pendingChanges(): ChangeDesc | null {
    const view = this.view;
    if (!view) return null;
    const sendable = sendableUpdates(view.state);
    if (!sendable.length) return null;
    let desc: ChangeDesc = sendable[0].changes.desc;
    for (let i = 1; i < sendable.length; i++) desc = desc.composeDesc(sendable[i].changes.desc);
    return desc;
  }
}

function readStored(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null; // storage disabled: the token lives in memory only
  }
}

function writeStored(key: string, value: string) {
  try {
    sessionStorage.setItem(key, value);
  } catch {
    /* storage disabled or full: the token lives in memory only */
  }
}
