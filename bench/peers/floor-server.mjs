// The floor for the side-by-side benchmark (docs/benchmarks.md, "The floor"): a server of Tandem's wire contract
// that does no work of its own. Per push it reads one frame, finds its type, version and updates by scanning the
// text (no JSON.parse, no validation), answers a stale base with `conflict` (a strict authority cannot do less),
// and otherwise serialises one `updates` frame, writes it to every participant of the session (the pusher too),
// and an `ack` to the pusher. No text, no history but the pushed arrays as they came (the document is worked out
// from them only when a `welcome` or `GET /api/sessions/{id}` asks for it, so that the generators can check it).
// The JVM twin is dev.tandem.bench.floor.FloorServer (bench/floor).
// Usage: node floor-server.mjs PORT   (0: a free port; prints "floor listening on <port>")
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { WebSocketServer } from 'ws';
import { ChangeSet, Text } from '@codemirror/state';

/** Index just after `"key":` (and spaces) at or after `from`, or -1. */
function valueStart(text, quotedKey, from = 0) {
  const at = text.indexOf(quotedKey, from);
  if (at < 0) return -1;
  let i = at + quotedKey.length;
  while (i < text.length && (text[i] === ':' || text[i] === ' ')) i++;
  return i;
}
function stringField(text, quotedKey) {
  const at = valueStart(text, quotedKey);
  if (at < 0 || text[at] !== '"') return null;
  const end = text.indexOf('"', at + 1);
  return end < 0 ? null : text.slice(at + 1, end);
}
function intField(text, at) {
  if (at < 0) return -1;
  let i = at; let v = 0;
  for (; i < text.length && i - at < 10; i++) { const c = text.charCodeAt(i) - 48; if (c < 0 || c > 9) break; v = v * 10 + c; }
  return i === at ? -1 : v;
}

export function startFloor(port, host = '127.0.0.1') {
  const sessions = new Map();
  const textOf = (s) => { // off the push path: apply the arrays not applied yet
    for (; s.applied < s.log.length; s.applied++) {
      for (const u of JSON.parse(s.log[s.applied].updates)) s.doc = ChangeSet.fromJSON(u.changes).apply(s.doc);
    }
    return s.doc.toString();
  };
  const json = (res, status, body) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)); };
  const sessionJson = (s, content, version) => ({ id: s.id, language: 'python', title: 'floor', version, content, wsPath: `/ws/sessions/${s.id}`, participants: [] });
  const server = http.createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/api/sessions') {
      let body = '';
      req.on('data', (c) => { body += c; });
      req.on('end', () => {
        let content = '';
        try { content = body ? (JSON.parse(body).content ?? '') : ''; } catch { return json(res, 400, { error: 'BAD_REQUEST', message: 'not JSON' }); }
        const s = { id: randomUUID(), version: 0, log: [], sockets: new Set(), doc: Text.of(content.split('\n')), applied: 0 };
        sessions.set(s.id, s);
        json(res, 201, sessionJson(s, content, 0));
      });
    } else if (req.method === 'GET' && req.url.startsWith('/api/sessions/')) {
      const s = sessions.get(req.url.slice('/api/sessions/'.length));
      if (!s) return json(res, 404, { error: 'UNKNOWN_SESSION', message: 'no such session' });
      json(res, 200, sessionJson(s, textOf(s), s.version));
    } else {
      json(res, req.url === '/q/health/ready' ? 200 : 404, { status: 'UP' });
    }
  });
  const wss = new WebSocketServer({ server, perMessageDeflate: false });
  wss.on('connection', (ws, req) => {
    const s = req.url.startsWith('/ws/sessions/') ? sessions.get(req.url.slice('/ws/sessions/'.length)) : undefined;
    if (!s) { ws.close(4404, 'unknown session'); return; }
    let clientId = null;
    ws.on('close', () => s.sockets.delete(ws));
    ws.on('message', (data) => {
      const text = data.toString();
      const type = stringField(text, '"type"');
      if (type === 'push') {
        if (clientId === null) return ws.send('{"type":"error","code":"NOT_JOINED","message":"send hello first","ref":"push"}');
        const base = intField(text, valueStart(text, '"version"'));
        const start = valueStart(text, '"updates"');
        const end = text.lastIndexOf(']') + 1;
        if (base !== s.version || start < 0 || text[start] !== '[' || end <= start) return ws.send(`{"type":"conflict","version":${s.version}}`);
        let count = 0; let seq = 0;
        for (let at = valueStart(text, '"seq"', start); at >= 0 && at < end; at = valueStart(text, '"seq"', at)) { count++; seq = Math.max(seq, intField(text, at)); }
        const updates = text.slice(start, end);
        const from = s.version;
        s.log.push({ fromVersion: from, updates });
        s.version += count;
        const frame = Buffer.from(`{"type":"updates","fromVersion":${from},"updates":${updates}}`); // serialised once
        for (const peer of s.sockets) peer.send(frame, { binary: false });
        ws.send(`{"type":"ack","clientId":"${clientId}","seq":${seq},"version":${s.version}}`);
      } else if (type === 'hello') {
        clientId = stringField(text, '"clientId"');
        ws.send(JSON.stringify({ type: 'welcome', sessionId: s.id, clientId, version: s.version, content: textOf(s), language: 'python', participants: [], node: 'floor' }));
        s.sockets.add(ws);
      } else if (type === 'pull') {
        const since = Math.max(0, intField(text, valueStart(text, '"version"')));
        const entries = s.log.filter((e) => e.fromVersion >= since);
        if (entries.length === 0) ws.send(`{"type":"updates","fromVersion":${since},"updates":[]}`);
        for (const e of entries) ws.send(`{"type":"updates","fromVersion":${e.fromVersion},"updates":${e.updates}}`);
      }
    });
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve({ port: server.address().port, close: () => { wss.close(); server.close(); for (const c of wss.clients) c.terminate(); } })));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const floor = await startFloor(Number(process.argv[2] ?? 9103));
  console.log(`floor listening on ${floor.port}`);
}
