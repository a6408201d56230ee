// The little of a WebSocket the client uses, so that the browser's WebSocket, Node 22's global one and the
// `ws` package all fit without the DOM's types (the package is built without lib "DOM").

/** Close codes of the contract the client acts on (docs/protocol.md "Closing codes"). */
export const CLOSE_SESSION_GONE = 4404;
export const CLOSE_TAKEN_OVER = 4409;
export const CLOSE_TOO_FAR_BEHIND = 4410;
/** Removed by the session's owner: do not reconnect automatically. */
export const CLOSE_REMOVED = 4403;
/** With identity on: the token expired (or is refused): reconnecting with it cannot succeed. */
export const CLOSE_UNAUTHORIZED = 4401;

/** WebSocket.OPEN in every implementation. */
export const OPEN = 1;

export interface CloseInfo {
  code: number;
}

export interface MessageInfo {
  data: unknown;
}

/**
 * A WebSocket as the client drives it. The handler slots are `unknown` on purpose: the client only writes
 * them (with handlers of its own types, below), and every implementation's own handler types then fit.
 */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: unknown;
  onmessage: unknown;
  onclose: unknown;
  onerror: unknown;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** Where the caller keeps the session's resumeToken (v1.1 "Identity across reconnects") between connections. */
export interface TokenStore {
  load(): string | null;
  save(token: string): void;
}

/** Network hints (the browser's online/offline events); without them the client simply keeps retrying. */
export interface Connectivity {
  isOnline(): boolean;
  /** Calls `online`/`offline` when the network comes and goes; returns the unsubscribe function. */
  watch(online: () => void, offline: () => void): () => void;
}

export function defaultWebSocket(): WebSocketConstructor {
  const ctor = (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (!ctor) throw new Error("no global WebSocket here (Node 20): pass options.WebSocket, e.g. the ws package's WebSocket");
  return ctor;
}
