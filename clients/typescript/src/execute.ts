// Runs without a session (v1.1 feature "execute", docs/protocol.md): POST /api/runs and /api/runs/batch over
// fetch, for graders and bots that only want a program's output. No socket and no DOM API.

import { readBody } from "./body.js";

/** The program: `source`, or `files` (up to 64) of which the first is the entry point, the others beside it. */
export interface ExecuteRequest {
  language: string;
  source?: string;
  files?: { path: string; content: string }[];
  stdin?: string;
  /** Clamped to the server's limits of the language; left out: the lowered defaults of session-less runs. */
  limits?: { timeMs?: number; memoryMb?: number };
  /** http(s) URL on one of the server's tandem.run.callback-allowed-hosts; the record is POSTed there, signed. */
  callbackUrl?: string;
}

/** The run record of GET /api/runs/{runId}; `sessionId` and `version` are null for a run without a session. */
export interface RunRecord {
  runId: string;
  sessionId: string | null;
  language: string;
  version: number | null;
  status: "queued" | "running" | "finished";
  outcome: string | null;
  exitCode: number | null;
  stdout: string;
  stderr: string;
  compileOutput: string;
  timeMs: number | null;
  memoryKb: number | null;
  truncated: boolean | null;
  message: string | null;
  limits: { timeMs: number; memoryMb: number } | null;
  /** v1.1 "Several files": the files that went in, the entry point first (version null without a session). */
  files?: { path: string; version: number | null }[];
  /** Only in the 202 answer of a wait that ended before the run did. */
  runToken?: string;
}

/** A queued run: its id and the token that controls it (shown once). */
export interface QueuedRun {
  runId: string;
  status: "queued";
  runToken: string;
}

/** A refusal: the HTTP status and the server's `{"error","message"}`. */
export class ExecuteError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(`${status} ${code}: ${message}`);
    this.name = "ExecuteError";
  }
}

/** The part of `fetch` this uses (the package is built without the DOM's and Node's type libraries). */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; signal?: unknown },
) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

export interface ExecuteOptions {
  /** Another fetch (tests, proxies); default the global one (browsers, Node 18+). */
  fetch?: FetchLike;
  /** An AbortSignal, passed on to fetch. */
  signal?: unknown;
}

async function post(baseUrl: string, path: string, body: unknown, options: ExecuteOptions): Promise<{ status: number; json: any }> {
  const f: FetchLike = options.fetch ?? ((globalThis as any).fetch as FetchLike);
  const response = await f(baseUrl.replace(/\/$/, "") + path, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(body),
    signal: options.signal,
  });
  const { text, json } = await readBody(response);
  if (!response.ok) {
    throw new ExecuteError(response.status, json?.error ?? "HTTP_" + response.status, json?.message ?? text.slice(0, 200));
  }
  return { status: response.status, json };
}

/**
 * Runs a program and waits for it (`POST /api/runs?wait=true`): the finished record, or, when the server's
 * wait (tandem.run.wait-max-ms) ended first, the record so far with `runToken` (poll GET /api/runs/{runId}).
 */
export async function execute(baseUrl: string, request: ExecuteRequest, options: ExecuteOptions = {}): Promise<RunRecord> {
  return (await post(baseUrl, "/api/runs?wait=true", request, options)).json as RunRecord;
}

/** Queues a program without waiting (`POST /api/runs`). */
export async function submitRun(baseUrl: string, request: ExecuteRequest, options: ExecuteOptions = {}): Promise<QueuedRun> {
  return (await post(baseUrl, "/api/runs", request, options)).json as QueuedRun;
}

/** Queues up to 20 programs at once, in order (`POST /api/runs/batch`); one invalid refuses all. */
export async function submitBatch(baseUrl: string, runs: ExecuteRequest[], options: ExecuteOptions = {}): Promise<QueuedRun[]> {
  return (await post(baseUrl, "/api/runs/batch", { runs }, options)).json.runs as QueuedRun[];
}
