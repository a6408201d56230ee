// Transport fallback: WebSocket first; when it cannot open, or closes before a welcome several times in a
// row, SSE + POST; when that fails the same way, long polling. A welcome on any transport resets the count,
// and a transport that once got a welcome is kept (a later server outage is not a blocked transport); failures
// while offline do not count.
// Forcing one mode (the IDE's ?transport=sse|poll) skips the others.
import { httpTransport, type HttpTransportOptions } from "./http.js";
import { defaultWebSocket, type CloseInfo, type MessageInfo, type WebSocketConstructor, type WebSocketLike } from "./socket.js";

export type TransportMode = "websocket" | "sse" | "poll";

export interface FallbackOptions {
  /** Use only this transport. */
  forced?: TransportMode;
  /** Closes before a welcome that make the next transport be tried (default 2). */
  failuresBeforeFallback?: number;
  WebSocket?: WebSocketConstructor;
  http?: Omit<HttpTransportOptions, "mode">;
  /** False while the device is offline: failures then say nothing about the transport and do not count. */
  isOnline?(): boolean;
  /** Told the transport in use, at the start and at every change. */
  onTransport?(mode: TransportMode): void;
}

const ORDER: TransportMode[] = ["websocket", "sse", "poll"];

/** A WebSocket constructor that picks the transport by the history of the connections it made. */
export function fallbackTransport(options: FallbackOptions = {}): WebSocketConstructor & { readonly mode: () => TransportMode } {
  const limit = options.failuresBeforeFallback ?? 2;
  let mode: TransportMode = options.forced ?? "websocket";
  let failures = 0;
  /** Transports that got a welcome on this page: they get through, so a later outage never demotes them. */
  const worked = new Set<TransportMode>();
  const ctors: Partial<Record<TransportMode, WebSocketConstructor>> = {};
  const ctorFor = (m: TransportMode): WebSocketConstructor =>
    (ctors[m] ??= m === "websocket" ? options.WebSocket ?? defaultWebSocket() : httpTransport({ ...(options.http ?? {}), mode: m }));
  queueMicrotask(() => options.onTransport?.(mode));

  const failed = () => {
    if (options.forced || worked.has(mode) || options.isOnline?.() === false) return;
    failures++;
    if (failures < limit) return;
    const next = ORDER[ORDER.indexOf(mode) + 1];
    if (!next) return;
    mode = next;
    failures = 0;
    options.onTransport?.(mode);
  };

  class FallbackSocket implements WebSocketLike {
    private readonly inner: WebSocketLike;
    private welcomed = false;
    private handlers: { onopen: unknown; onmessage: unknown; onclose: unknown; onerror: unknown } = {
      onopen: null, onmessage: null, onclose: null, onerror: null,
    };

    constructor(url: string) {
      let inner: WebSocketLike;
      try {
        inner = new (ctorFor(mode))(url);
      } catch (e) {
        failed();
        throw e;
      }
      this.inner = inner;
      inner.onmessage = (e: MessageInfo) => {
        if (!this.welcomed && typeof e.data === "string" && e.data.startsWith('{"type":"welcome"')) {
          this.welcomed = true;
          failures = 0;
          worked.add(mode);
        }
        (this.handlers.onmessage as ((e: MessageInfo) => void) | null)?.(e);
      };
      inner.onclose = (e: CloseInfo) => {
        if (!this.welcomed) failed();
        (this.handlers.onclose as ((e: CloseInfo) => void) | null)?.(e);
      };
      inner.onopen = (e: unknown) => (this.handlers.onopen as ((e: unknown) => void) | null)?.(e);
      inner.onerror = (e: unknown) => (this.handlers.onerror as ((e: unknown) => void) | null)?.(e);
    }

    get readyState() { return this.inner.readyState; }
    send(data: string) { this.inner.send(data); }
    close() { this.inner.close(); }
    get onopen() { return this.handlers.onopen; }
    set onopen(h: unknown) { this.handlers.onopen = h; }
    get onmessage() { return this.handlers.onmessage; }
    set onmessage(h: unknown) { this.handlers.onmessage = h; }
    get onclose() { return this.handlers.onclose; }
    set onclose(h: unknown) { this.handlers.onclose = h; }
    get onerror() { return this.handlers.onerror; }
    set onerror(h: unknown) { this.handlers.onerror = h; }
  }
  return Object.assign(FallbackSocket, { mode: () => mode });
}
