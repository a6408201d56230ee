// The little of fetch, streams and text decoding the HTTP transport uses, present in every browser and in
// Node 18+; declared here because the package is built without the DOM's and Node's type libraries. Not emitted.
interface FetchReadResult { done: boolean; value?: Uint8Array }
interface FetchBodyReader { read(): Promise<FetchReadResult>; cancel(): Promise<void> }
interface FetchResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly body: { getReader(): FetchBodyReader } | null;
  text(): Promise<string>;
}
interface FetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: unknown;
  cache?: string;
}
type FetchFunction = (url: string, init?: FetchInit) => Promise<FetchResponse>;
