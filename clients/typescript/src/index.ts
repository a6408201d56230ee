// @tandem/client: a typed client of the Tandem session socket (docs/protocol.md).
export * from "./protocol.js";
export { TandemClient, type CollabEditor, type ConnState, type TandemClientEvents, type TandemClientOptions } from "./client.js";
export { DocumentSync } from "./document.js";
export { HeadlessEditor } from "./headless.js";
export {
  CLOSE_REMOVED,
  CLOSE_SESSION_GONE,
  CLOSE_TAKEN_OVER,
  CLOSE_TOO_FAR_BEHIND,
  type Connectivity,
  type TokenStore,
  type WebSocketConstructor,
  type WebSocketLike,
} from "./socket.js";
export { httpTransport, httpBaseOf, type HttpMode, type HttpTransportOptions } from "./http.js";
export { fallbackTransport, type FallbackOptions, type TransportMode } from "./fallback.js";
export { execute, submitRun, submitBatch, ExecuteError, type ExecuteRequest, type ExecuteOptions, type FetchLike, type QueuedRun, type RunRecord } from "./execute.js";
export { readBody } from "./body.js";
