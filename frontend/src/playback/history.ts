// A session's whole history for playback: the text at version 0 and every timeline event, read page by page
// from the server (GET /api/sessions/{id}/text and /timeline, docs/timeline.md). Either link reads both.

export interface TimelineEvent {
  n: number;
  kind: string;
  at: number;
  [field: string]: any;
}

export interface SessionHistory {
  title: string;
  language: string;
  initial: string;
  events: TimelineEvent[];
}

async function getJson(path: string): Promise<any> {
  const res = await fetch(path);
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new Error(body?.message ?? `${res.status} ${res.statusText}`);
  return body;
}

/** Every page until the server says nothing follows (at most 1,000 pages of 10,000). */
export async function loadHistory(sessionId: string): Promise<SessionHistory> {
  const base = `/api/sessions/${encodeURIComponent(sessionId)}`;
  const [session, first] = await Promise.all([getJson(base), getJson(`${base}/text?version=0`)]);
  const events: TimelineEvent[] = [];
  let from = 0;
  for (let page = 0; page < 1000; page++) {
    const body = await getJson(`${base}/timeline?from=${from}&limit=10000`);
    events.push(...body.events);
    // null: the end; the same `from`: the last seconds are not settled yet, and playback shows what is
    if (body.next === null || body.next === from) break;
    from = body.next;
  }
  return { title: session.title ?? "", language: session.language, initial: first.content, events };
}
