// Which transport the session uses: WebSocket first, falling back by itself to SSE + POST and then to long
// polling when WebSockets do not get through (docs/protocol.md, "Editing without WebSockets").
// ?transport=websocket|sse|poll (in the query or the hash) forces one, for testing.
import { fallbackTransport, type TransportMode, type WebSocketConstructor } from "@tandem/client";
import { AuthWebSocket, authHeaders } from "../auth";

export const TRANSPORT_LABEL: Record<TransportMode, string> = {
  websocket: "WebSocket",
  sse: "SSE",
  poll: "long polling",
};

function forcedTransport(): TransportMode | undefined {
  const hashQuery = location.hash.includes("?") ? location.hash.slice(location.hash.indexOf("?")) : "";
  const wanted = new URLSearchParams(location.search).get("transport") ?? new URLSearchParams(hashQuery).get("transport");
  if (wanted === "sse" || wanted === "poll" || wanted === "websocket") return wanted;
  if (wanted === "ws") return "websocket";
  return undefined;
}

/**
 * The WebSocket constructor the client gets; `onTransport` hears the transport in use and every change. When
 * signed in (identity on), every transport carries the token: the socket as subprotocols (`AuthWebSocket`), the
 * HTTP transports as `Authorization: Bearer` on each request, read at each request so a new sign-in applies.
 */
export function sessionTransport(onTransport: (mode: TransportMode) => void): WebSocketConstructor {
  const authFetch = (url: string, init?: RequestInit) =>
    fetch(url, { ...init, headers: { ...((init?.headers as Record<string, string>) ?? {}), ...authHeaders() } });
  return fallbackTransport({
    forced: forcedTransport(),
    onTransport,
    isOnline: () => navigator.onLine,
    WebSocket: AuthWebSocket,
    http: { fetch: authFetch as never },
  });
}
