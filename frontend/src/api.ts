import { FALLBACK_LANGUAGES, rememberLanguages, type Language } from "./languages";

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
    res = await fetch(path, { ...init, headers: { "content-type": "application/json", ...(init?.headers ?? {}) } });
  } catch {
    throw new ApiError(0, "UNREACHABLE", "The Tandem server cannot be reached. Is it running?");
  }
  const text = await res.text();
  let body: any = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
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

export function createSession(language: string, title: string, content: string, problem?: string) {
  const body: Record<string, string> = { language };
  if (problem) body.problem = problem;
  if (!problem || content) body.content = content; // with a problem and no code: the problem's starter code
  if (title.trim()) body.title = title.trim();
  return call<SessionInfo>("/api/sessions", { method: "POST", body: JSON.stringify(body) });
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
