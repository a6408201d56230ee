// Editing without WebSockets (docs/protocol.md, "Editing without WebSockets"): the session's messages over
// plain HTTP, behind the same WebSocketLike the client drives, so TandemClient's sync, presence and runs
// are unchanged. A connection is opened by POST /api/sessions/{id}/connections (its hello), server messages
// are read from the SSE stream (fetch, resumed with Last-Event-ID) or by long polling, and client messages
// are POSTed in order, one request at a time with whatever queued meanwhile.
import type { CloseInfo, MessageInfo, WebSocketConstructor, WebSocketLike } from "./socket.js";

export type HttpMode = "sse" | "poll";

export interface HttpTransportOptions {
  mode: HttpMode;
  /** Defaults to globalThis.fetch. */
  fetch?: FetchFunction;
  /** Extra request headers (e.g. Authorization: Bearer ...). */
  headers?: Record<string, string>;
  /** Long poll wait in ms (the server clamps at 30000). */
  pollWaitMs?: number;
  /** How long the SSE stream may take to open before the connection counts as failed. */
  streamOpenTimeoutMs?: number;
}

const CONNECTING = 0;
const OPEN = 1;
const CLOSED = 3;
/** The close code the client treats as "reconnect" (as a dropped socket's 1006). */
const ABNORMAL = 1006;
const SESSION_GONE = 4404;
/** As a socket's close when its token expired or is refused (a REST 401, or 403 when opening). */
const UNAUTHORIZED = 4401;

type Handler<T> = ((e: T) => void) | null;
type AbortLike = { abort(): void; signal: unknown };

/** The REST base and session link of a session socket URL (ws://host/ws/sessions/{id}?query). */
export function httpBaseOf(socketUrl: string): { base: string; link: string; query: string } {
  const m = /^(ws|wss|http|https):\/\/([^/]+)\/ws\/sessions\/([^/?#]+)(\?[^#]*)?/.exec(socketUrl);
  if (!m) throw new Error("not a session socket URL: " + socketUrl);
  const scheme = m[1] === "wss" || m[1] === "https" ? "https" : "http";
  return { base: `${scheme}://${m[2]}`, link: m[3], query: m[4] ?? "" };
}

/** A WebSocket constructor that speaks the HTTP transport in the given mode. */
export function httpTransport(options: HttpTransportOptions): WebSocketConstructor {
  return class HttpSocket implements WebSocketLike {
    readyState = CONNECTING;
    onopen: unknown = null;
    onmessage: unknown = null;
    onclose: unknown = null;
    onerror: unknown = null;
    private readonly base: string;
    private readonly link: string;
    private readonly query: string;
    private readonly fetchFn: FetchFunction;
    private connection: string | null = null;
    private last = 0;
    private outbox: string[] = [];
    private posting = false;
    private readonly aborts = new Set<AbortLike>();

    constructor(url: string) {
      const parsed = httpBaseOf(url);
      this.base = parsed.base;
      this.link = parsed.link;
      this.query = parsed.query;
      const f = options.fetch ?? (globalThis as { fetch?: FetchFunction }).fetch;
      if (!f) throw new Error("no fetch here: pass options.fetch");
      this.fetchFn = (url, init) => f(url, init); // called unbound: the browser's fetch refuses another `this`
      setTimeout(() => {
        if (this.readyState !== CONNECTING) return;
        this.readyState = OPEN;
        (this.onopen as Handler<unknown>)?.({});
      }, 0);
    }

    send(data: string) {
      if (this.readyState !== OPEN) return;
      const msg = JSON.parse(data) as { type?: string; clientId?: string; name?: string; resumeToken?: string };
      if (msg.type === "hello" && !this.connection) {
        void this.open(msg);
        return;
      }
      this.outbox.push(data);
      void this.flush();
    }

    close() {
      if (this.readyState === CLOSED) return;
      this.readyState = CLOSED;
      for (const a of this.aborts) a.abort();
      this.aborts.clear();
      setTimeout(() => (this.onclose as Handler<CloseInfo>)?.({ code: 1000 }), 0);
    }

    // ---- internals ----

    private deliver(text: string) {
      if (this.readyState === OPEN) (this.onmessage as Handler<MessageInfo>)?.({ data: text });
    }

    private fail(code = ABNORMAL) {
      if (this.readyState === CLOSED) return;
      this.readyState = CLOSED;
      for (const a of this.aborts) a.abort();
      this.aborts.clear();
      (this.onclose as Handler<CloseInfo>)?.({ code });
    }

    private async request(url: string, init: FetchInit = {}): Promise<FetchResponse> {
      const Abort = (globalThis as { AbortController?: new () => AbortLike }).AbortController;
      const abort = Abort ? new Abort() : null;
      if (abort) this.aborts.add(abort);
      try {
        return await this.fetchFn(this.base + url, {
          ...init,
          cache: "no-store",
          signal: abort?.signal,
          headers: { ...(options.headers ?? {}), ...(init.headers ?? {}) },
        });
      } finally {
        if (abort) this.aborts.delete(abort);
      }
    }

    /** The hello: opens the connection; its welcome is delivered once the messages after it can be read. */
    private async open(hello: { clientId?: string; name?: string; resumeToken?: string }) {
      let res: FetchResponse;
      try {
        res = await this.request(`/api/sessions/${this.link}/connections${this.query}`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ clientId: hello.clientId, name: hello.name, resumeToken: hello.resumeToken }),
        });
      } catch {
        return this.fail();
      }
      const body = await res.text().catch(() => "");
      if (res.status !== 201) {
        // Refusals come as the error message a socket would have sent.
        const err = safeJson(body) as { error?: string; message?: string } | null;
        if (err?.error) this.deliver(JSON.stringify({ type: "error", code: err.error, message: err.message, ref: "hello" }));
        return this.fail(res.status === 404 ? SESSION_GONE : res.status === 401 || res.status === 403 ? UNAUTHORIZED : ABNORMAL);
      }
      const opened = JSON.parse(body) as { connection: string; welcome: unknown };
      this.connection = opened.connection;
      const welcome = JSON.stringify(opened.welcome);
      if (options.mode === "sse") void this.stream(welcome);
      else {
        this.deliver(welcome);
        void this.poll();
        void this.flush();
      }
    }

    /** SSE over fetch: the welcome goes out once the stream is open; a dropped stream resumes by Last-Event-ID. */
    private async stream(welcome: string | null) {
      let attempts = 0;
      while (this.readyState === OPEN && attempts < 3) {
        attempts++;
        let res: FetchResponse;
        let opened = false;
        const timeout = welcome
          ? setTimeout(() => { if (!opened) this.fail(); }, options.streamOpenTimeoutMs ?? 8000)
          : null;
        try {
          res = await this.request(`/api/connections/${this.connection}/stream`, {
            headers: this.last > 0 ? { Accept: "text/event-stream", "Last-Event-ID": String(this.last) } : { Accept: "text/event-stream" },
          });
          if (res.status === 404 || res.status === 410 || res.status === 401) {
            if (timeout) clearTimeout(timeout);
            return this.fail(res.status === 401 ? UNAUTHORIZED : ABNORMAL);
          }
          if (res.status !== 200 || !res.body) throw new Error("stream answered " + res.status);
          const reader = res.body.getReader();
          const decoder = new (globalThis as unknown as { TextDecoder: new () => { decode(b?: Uint8Array, o?: { stream: boolean }): string } }).TextDecoder();
          let buffer = "";
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            if (!opened) {
              opened = true;
              attempts = 0;
              if (timeout) clearTimeout(timeout);
              if (welcome) {
                this.deliver(welcome);
                welcome = null;
                void this.flush();
              }
            }
            buffer += decoder.decode(value, { stream: true });
            let end: number;
            while ((end = buffer.indexOf("\n\n")) >= 0) {
              this.event(buffer.slice(0, end));
              buffer = buffer.slice(end + 2);
            }
          }
        } catch {
          if (timeout) clearTimeout(timeout);
          if (!opened && welcome) return this.fail();
        }
        if (timeout) clearTimeout(timeout);
        if (welcome) return this.fail(); // never opened
        // The stream ended: the connection closed (then the next request is 404) or a proxy cut it; resume.
      }
      this.fail();
    }

    private event(block: string) {
      let id: number | null = null;
      const data: string[] = [];
      for (const line of block.split("\n")) {
        if (line.startsWith("id:")) id = Number(line.slice(3).trim());
        else if (line.startsWith("data:")) data.push(line.slice(line.startsWith("data: ") ? 6 : 5));
      }
      if (data.length === 0 || id === null) return; // a comment (heartbeat)
      if (id <= this.last) return;
      this.last = id;
      this.deliver(data.join("\n"));
    }

    private async poll() {
      let failures = 0;
      while (this.readyState === OPEN) {
        try {
          const res = await this.request(`/api/connections/${this.connection}/messages?after=${this.last}&waitMs=${options.pollWaitMs ?? 25000}`);
          if (res.status === 404 || res.status === 410) return this.fail();
          if (res.status === 401) return this.fail(UNAUTHORIZED);
          if (res.status !== 200) throw new Error("poll answered " + res.status);
          const page = JSON.parse(await res.text()) as { messages: unknown[]; last: number };
          failures = 0;
          page.messages.forEach((m, i) => {
            const n = page.last - page.messages.length + 1 + i;
            if (n > this.last) this.deliver(JSON.stringify(m));
          });
          this.last = Math.max(this.last, page.last);
        } catch {
          if (this.readyState !== OPEN) return;
          if (++failures >= 3) return this.fail();
          await new Promise<void>((r) => setTimeout(r, 500 * failures));
        }
      }
    }

    /** POSTs what is queued, one request at a time, so the server receives it in the order it was sent. */
    private async flush() {
      if (this.posting || !this.connection || this.outbox.length === 0 || this.readyState !== OPEN) return;
      this.posting = true;
      const batch = this.outbox;
      this.outbox = [];
      try {
        const res = await this.request(`/api/connections/${this.connection}/messages`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: "[" + batch.join(",") + "]",
        });
        if (res.status === 404) return this.fail();
        if (res.status === 401) return this.fail(UNAUTHORIZED);
        if (res.status !== 202) {
          const err = safeJson(await res.text().catch(() => "")) as { error?: string; message?: string } | null;
          this.deliver(JSON.stringify({ type: "error", code: err?.error ?? "BAD_MESSAGE", message: err?.message, ref: null }));
        }
      } catch {
        return this.fail();
      } finally {
        this.posting = false;
      }
      void this.flush();
    }
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
