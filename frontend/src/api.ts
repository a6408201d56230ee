import { FALLBACK_LANGUAGES, rememberLanguages, type Language } from "./languages";
import { authHeaders } from "./auth";
import { readBody } from "@tandem/client";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers: { "content-type": "application/json", ...authHeaders(), ...(init?.headers ?? {}) } });
  } catch {
    throw new ApiError(0, "UNREACHABLE", "The Tandem server cannot be reached. Is it running?");
  }
  const { json: body } = await readBody(res);
  if (!res.ok) {
    throw new ApiError(res.status, body?.error ?? `HTTP_${res.status}`, body?.message ?? res.statusText);
  }
  return body as T;
}

export interface SessionInfo {
  id: string;
  language: string;
  title: string;
  version: number;
  content: string;
  problem?: string | null;
}

/** What POST /api/sessions answers: the session plus its capabilities (docs/security.md). */
export interface SessionCreated extends SessionInfo {
  editLink: string;
  viewLink: string;
  ownerToken: string;
}

export function createSession(language: string, title: string, content: string, problem?: string) {
  const body: Record<string, string> = { language };
  if (problem) body.problem = problem;
  if (!problem || content) body.content = content; // with a problem and no code: the problem's starter code
  if (title.trim()) body.title = title.trim();
  return call<SessionCreated>("/api/sessions", { method: "POST", body: JSON.stringify(body) });
}

/** GET /api/runs/{id}: a run's record; `queuePosition` (1 = next) while it waits in the queue. */
export function getRun(runId: string) {
  return call<{ status: string; queuePosition?: number }>(`/api/runs/${encodeURIComponent(runId)}`);
}

export function getSession(id: string) {
  return call<SessionInfo>(`/api/sessions/${encodeURIComponent(id)}`);
}

/** GET /api/languages, or the six sandbox languages when the server does not list them (yet). */
export async function getLanguages(): Promise<Language[]> {
  try {
    const list = await call<Language[]>("/api/languages");
    if (Array.isArray(list) && list.length) {
      rememberLanguages(list);
      return list;
    }
  } catch {
    /* fall back */
  }
  return FALLBACK_LANGUAGES;
}

export interface ProblemSummary {
  slug: string;
  title: string;
  difficulty: string;
}

export async function getProblems(): Promise<ProblemSummary[]> {
  try {
    const list = await call<ProblemSummary[]>("/api/problems");
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
}

export function getProblem(slug: string) {
  return call<import("./problem").ProblemView>(`/api/problems/${encodeURIComponent(slug)}`);
}

// ---- the owner's calls (X-Tandem-Owner works with and without identity on) ------------------------------

export interface Links {
  id: string;
  editLink: string;
  viewLink: string;
}

const owner = (token: string) => ({ "x-tandem-owner": token });

export function rotateLinks(link: string, ownerToken: string) {
  return call<Links>(`/api/sessions/${encodeURIComponent(link)}/links/rotate`, { method: "POST", headers: owner(ownerToken) });
}

export function removeParticipant(link: string, clientId: string, ownerToken: string) {
  return call<null>(`/api/sessions/${encodeURIComponent(link)}/participants/${encodeURIComponent(clientId)}`, { method: "DELETE", headers: owner(ownerToken) });
}

export function closeSession(link: string, ownerToken: string) {
  return call<null>(`/api/sessions/${encodeURIComponent(link)}`, { method: "DELETE", headers: owner(ownerToken) });
}

/** One entry of GET /api/sessions/{id}/submissions (newest first), with the code that was judged. */
export interface SubmissionEntry {
  submissionId: string;
  mode: string;
  language: string;
  version: number;
  by: string;
  status: string;
  verdict: string | null;
  passed: number;
  total: number;
  timeMs: number;
  createdAt: number;
  source: string;
}

export function getSubmissions(link: string) {
  return call<SubmissionEntry[]>(`/api/sessions/${encodeURIComponent(link)}/submissions`);
}
