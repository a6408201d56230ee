// Node load generator for the side-by-side benchmark: the same edit workload against Tandem, ShareDB or
// Hocuspocus, each through its own client library, so that all three pay the same generator costs.
//   node loadgen.mjs --system tandem|sharedb|hocuspocus --port P --sessions S --clients C --rate R
//                    --seconds T [--warmup W] [--server-pid PID] [--deflate] [--json out.json]
//                    [--schedule own-clock|interval]   (interval: the keystroke timers of the first rounds, for A/B)
// Workload: S sessions x C clients; every client types at R keystrokes/s in bursts at random places (30 % of
// the bursts are backspaces). Fan-out latency: from a keystroke until each other client of the session has
// applied it, for insert keystrokes (Yjs names an insert by (client, clock) but a delete by the items it
// removes, so inserts are what all three can follow the same way). Server CPU: utime+stime of the server
// process from /proc, from the end of the warm-up until every client is idle again.
// Tandem's client here is @codemirror/collab (what a browser runs), over the wire contract.
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { EditorState, ChangeSet } from '@codemirror/state';
import { collab, receiveUpdates, sendableUpdates, getSyncedVersion } from '@codemirror/collab';
import ShareDBClient from 'sharedb/lib/client/index.js';
import * as Y from 'yjs';
import { HocuspocusProvider } from '@hocuspocus/provider';

const START = 'def solve(values):\n    total = 0\n    for v in values:\n        total += v\n    return total\n';
const KEYS = 'abcdefghijklmnopqrstuvwxyz     ();=.\n';

function parseArgs(argv) {
  const o = { schedule: 'own-clock', system: 'tandem', port: 8080, sessions: 10, clients: 5, rate: 2, seconds: 20, warmup: 3, serverPid: 0, deflate: false, json: null, seed: 1 };
  for (let i = 2; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, '');
    if (name === 'deflate') { o.deflate = true; continue; }
    const value = argv[++i];
    const key = name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    o[key] = ['system', 'json', 'schedule'].includes(key) ? value : Number(value);
  }
  // Bounds: every loop below is limited by these.
  if (!(o.seconds > 0 && o.seconds <= 3600 && o.sessions * o.clients <= 20000 && o.rate > 0 && o.rate <= 1000)) throw new Error('options out of bounds');
  return o;
}

/** A tiny seeded generator (mulberry32), so runs are repeatable. */
function rng(seed) {
  let a = seed >>> 0;
  return () => { a = (a + 0x6D2B79F5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}

/** Same model as the Java load tool's TypingModel: bursts of keystrokes at one place, then a jump. */
class Typing {
  constructor(random) { this.random = random; this.cursor = 0; this.left = 0; this.deleting = false; }
  next(length) {
    if (this.left === 0) {
      this.cursor = Math.floor(this.random() * (length + 1));
      this.left = 1 + Math.floor(this.random() * 12);
      this.deleting = this.random() < 0.3;
    }
    this.left--;
    this.cursor = Math.min(this.cursor, length);
    if (this.deleting && this.cursor > 0) { this.cursor--; return { from: this.cursor, to: this.cursor + 1, insert: '' }; }
    const key = KEYS[Math.floor(this.random() * KEYS.length)];
    return { from: this.cursor, to: this.cursor++, insert: key };
  }
}

/** What all clients of a run share: send times by update key, latency samples, counters. */
class Run {
  constructor(o) { this.o = o; this.sent = new Map(); this.samples = []; this.errors = 0; this.firstError = null; this.edits = 0; this.pushes = 0; this.conflicts = 0; this.conflictsWaiting = 0; this.conflictWaitMs = 0; this.measuredEdits = 0; this.measureFrom = Infinity; }
  sentAt(key, t) { this.sent.set(key, t); }
  received(key, now) { const t = this.sent.get(key); if (t !== undefined && t >= this.measureFrom) this.samples.push(now - t); }
  error(what) { this.errors++; if (!this.firstError) this.firstError = what; }
}

// ---- Tandem: @codemirror/collab over the wire contract --------------------------------------------------
const tandem = {
  async createSession(o) {
    const r = await fetch(`http://127.0.0.1:${o.port}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ content: START }) });
    return (await r.json()).id;
  },
  async serverText(o, id) { return (await (await fetch(`http://127.0.0.1:${o.port}/api/sessions/${id}`)).json()).content; },
  client(o, run, id, clientId) { return new TandemClient(o, run, id, clientId); },
};

class TandemClient {
  constructor(o, run, sessionId, clientId) {
    Object.assign(this, { run, clientId, seq: 0, seqOf: new WeakMap(), inflight: false, known: 0, pulling: false, closing: false });
    this.ready = new Promise((resolve) => { this.resolveReady = resolve; });
    this.ws = new WebSocket(`ws://127.0.0.1:${o.port}/ws/sessions/${sessionId}`, { perMessageDeflate: o.deflate });
    this.ws.on('open', () => this.ws.send(JSON.stringify({ type: 'hello', clientId, name: clientId })));
    this.ws.on('message', (data) => this.onMessage(JSON.parse(data)));
    this.ws.on('close', () => { if (!this.closing) run.error('tandem socket closed'); });
    this.ws.on('error', (e) => run.error(String(e)));
  }
  onMessage(m) {
    if (m.type === 'welcome') {
      this.state = EditorState.create({ doc: m.content, extensions: [collab({ startVersion: m.version, clientID: this.clientId })] });
      this.known = m.version;
      this.resolveReady();
    } else if (m.type === 'updates') {
      this.pulling = false;
      const synced = getSyncedVersion(this.state);
      if (m.fromVersion > synced) return this.pull(); // a gap: fetch what is missing
      const updates = m.updates.slice(synced - m.fromVersion);
      if (updates.length === 0) return;
      const now = performance.now();
      for (const u of updates) if (u.clientId !== this.clientId) this.run.received(`${u.clientId}:${u.seq}`, now);
      this.state = receiveUpdates(this.state, updates.map((u) => ({ changes: ChangeSet.fromJSON(u.changes), clientID: u.clientId }))).state;
      this.known = Math.max(this.known, getSyncedVersion(this.state));
      if (this.conflictAt !== undefined && getSyncedVersion(this.state) >= this.known) {
        this.run.conflictWaitMs += now - this.conflictAt;
        this.conflictAt = undefined;
      }
      this.pump();
    } else if (m.type === 'ack' || m.type === 'conflict') {
      if (m.type === 'conflict' && performance.now() >= this.run.measureFrom) {
        this.run.conflicts++;
        // The updates it lacks are on their way: how often they come after the conflict, and how much later.
        if (getSyncedVersion(this.state) < m.version) { this.run.conflictsWaiting++; this.conflictAt = performance.now(); }
      }
      this.inflight = false;
      this.known = Math.max(this.known, m.version);
      this.pump();
    } else if (m.type === 'error') {
      this.run.error(`${m.code}: ${m.message}`);
      this.inflight = false;
    }
  }
  pull() { if (!this.pulling) { this.pulling = true; this.ws.send(JSON.stringify({ type: 'pull', version: getSyncedVersion(this.state) })); } }
  /** At most one push in flight, and only once caught up with the version the server named (as CodeMirror). */
  pump() {
    if (this.inflight || getSyncedVersion(this.state) < this.known) return;
    const updates = sendableUpdates(this.state);
    if (updates.length === 0) return;
    this.inflight = true;
    if (performance.now() >= this.run.measureFrom) this.run.pushes++;
    this.ws.send(JSON.stringify({ type: 'push', version: getSyncedVersion(this.state),
      updates: updates.map((u) => ({ clientId: this.clientId, seq: this.seqOf.get(u.origin), changes: u.changes.toJSON() })) }));
  }
  length() { return this.state.doc.length; }
  edit(change, now) {
    const tr = this.state.update({ changes: change });
    this.seqOf.set(tr, ++this.seq);
    this.state = tr.state;
    if (change.insert) this.run.sentAt(`${this.clientId}:${this.seq}`, now);
    this.pump();
  }
  idle() { return !this.inflight && sendableUpdates(this.state).length === 0; }
  text() { return this.state.doc.toString(); }
  close() { this.closing = true; this.ws.close(); }
}

// ---- ShareDB: json0 string ops on {content} ---------------------------------------------------------------
function sharedbConnection(o) { return new ShareDBClient.Connection(new WebSocket(`ws://127.0.0.1:${o.port}`, { perMessageDeflate: o.deflate })); }
const sharedb = {
  async createSession(o, index) {
    const id = `s${index}-${Date.now()}`;
    const connection = sharedbConnection(o);
    const doc = connection.get('bench', id);
    await new Promise((resolve, reject) => doc.create({ content: START }, (e) => (e ? reject(e) : resolve())));
    connection.close();
    return id;
  },
  async serverText(o, id) {
    const connection = sharedbConnection(o);
    const doc = connection.get('bench', id);
    await new Promise((resolve, reject) => doc.fetch((e) => (e ? reject(e) : resolve())));
    connection.close();
    return doc.data.content;
  },
  client(o, run, id) { return new ShareDBLoadClient(o, run, id); },
};

class ShareDBLoadClient {
  constructor(o, run, id) {
    Object.assign(this, { run, pendingTimes: [], closing: false });
    this.connection = sharedbConnection(o);
    this.doc = this.connection.get('bench', id);
    this.ready = new Promise((resolve, reject) => this.doc.subscribe((e) => (e ? reject(e) : resolve())));
    // ShareDB composes the ops submitted while one is in flight into the next one it sends: that op carries
    // the keystrokes made since the last send, named on the wire by (connection id, seq).
    this.connection.on('send', (m) => {
      if (m.a === 'op' && this.pendingTimes.length) { run.sentAt(`${this.connection.id}:${m.seq}`, this.pendingTimes); this.pendingTimes = []; }
    });
    this.connection.on('receive', (request) => {
      const m = request.data;
      if (m.a !== 'op' || m.src === this.connection.id || !m.op) return;
      const times = run.sent.get(`${m.src}:${m.seq}`);
      if (!times) return;
      const now = performance.now();
      for (const t of times) if (t >= run.measureFrom) run.samples.push(now - t);
    });
    this.doc.on('error', (e) => run.error(String(e)));
    this.connection.on('error', (e) => run.error(String(e)));
  }
  length() { return this.doc.data.content.length; }
  edit(change, now) {
    const content = this.doc.data.content;
    const op = change.insert ? [{ p: ['content', change.from], si: change.insert }] : [{ p: ['content', change.from], sd: content.slice(change.from, change.to) }];
    if (change.insert) this.pendingTimes.push(now);
    this.doc.submitOp(op, (e) => { if (e) this.run.error(String(e)); });
  }
  idle() { return !this.doc.hasWritePending(); }
  text() { return this.doc.data.content; }
  close() { this.closing = true; this.connection.close(); }
}

// ---- Hocuspocus: Y.Text 'content' through @hocuspocus/provider ----------------------------------------------
function providerFor(o, name, document, onSynced) {
  const deflate = o.deflate;
  class LoopbackWebSocket extends WebSocket { constructor(url, protocols) { super(url, protocols, { perMessageDeflate: deflate }); } }
  return new HocuspocusProvider({ url: `ws://127.0.0.1:${o.port}`, name, document, WebSocketPolyfill: LoopbackWebSocket, awareness: null, onSynced });
}
const hocuspocus = {
  async createSession(o, index) {
    const name = `s${index}-${Date.now()}`;
    const doc = new Y.Doc();
    let provider;
    await new Promise((resolve) => { provider = providerFor(o, name, doc, resolve); });
    doc.getText('content').insert(0, START);
    for (let i = 0; i < 500 && provider.hasUnsyncedChanges; i++) await sleep(10);
    provider.destroy();
    return name;
  },
  async serverText(o, name) {
    const doc = new Y.Doc();
    let provider;
    await new Promise((resolve) => { provider = providerFor(o, name, doc, resolve); });
    const text = doc.getText('content').toString();
    provider.destroy();
    return text;
  },
  client(o, run, name) { return new HocuspocusLoadClient(o, run, name); },
};

class HocuspocusLoadClient {
  constructor(o, run, name) {
    this.run = run;
    this.doc = new Y.Doc();
    this.text_ = this.doc.getText('content');
    this.ready = new Promise((resolve) => { this.provider = providerFor(o, name, this.doc, resolve); });
    // A remote update names the items it adds by (client, clock) ranges; a local insert of one character
    // is the item at the client's clock just before it.
    this.doc.on('update', (update, origin) => {
      if (origin == null) return; // a local transaction
      const meta = Y.parseUpdateMeta(update);
      const now = performance.now();
      for (const [client, from] of meta.from) {
        if (client === this.doc.clientID) continue;
        const to = meta.to.get(client);
        for (let clock = from; clock < to && clock < from + 10000; clock++) run.received(`${client}:${clock}`, now);
      }
    });
  }
  length() { return this.text_.length; }
  edit(change, now) {
    if (change.insert) {
      const clock = Y.getState(this.doc.store, this.doc.clientID);
      this.run.sentAt(`${this.doc.clientID}:${clock}`, now);
      this.text_.insert(change.from, change.insert);
    } else {
      this.text_.delete(change.from, change.to - change.from);
    }
  }
  idle() { return !this.provider.hasUnsyncedChanges; }
  text() { return this.text_.toString(); }
  close() { this.provider.destroy(); }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function cpuMillis(pid) {
  if (!pid) return 0;
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * 10; // USER_HZ = 100
}

function percentile(sorted, q) { return sorted.length ? sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] : NaN; }

async function main() {
  const o = parseArgs(process.argv);
  const system = { tandem, sharedb, hocuspocus }[o.system];
  if (!system) throw new Error(`unknown system ${o.system}`);
  const run = new Run(o);
  const random = rng(o.seed);
  const sessions = [];
  for (let s = 0; s < o.sessions; s++) sessions.push({ id: await system.createSession(o, s), clients: [] });
  for (const [s, session] of sessions.entries()) {
    for (let c = 0; c < o.clients; c++) session.clients.push(system.client(o, run, session.id, `s${s}c${c}-${process.pid}`));
  }
  const all = sessions.flatMap((s) => s.clients);
  await Promise.race([Promise.all(all.map((c) => c.ready)), sleep(60000).then(() => { throw new Error('clients did not connect in 60 s'); })]);

  const period = 1000 / o.rate;
  const timers = [];
  let stopped = false;
  const start = performance.now();
  run.measureFrom = start + o.warmup * 1000;
  for (const client of all) {
    const typing = new Typing(rng(Math.floor(random() * 2 ** 31)));
    const tick = () => {
      try {
        const now = performance.now();
        client.edit(typing.next(client.length()), now);
        run.edits++;
        if (now >= run.measureFrom) run.measuredEdits++;
      } catch (e) { run.error(`edit failed: ${e}`); }
    };
    const offset = random() * period;
    if (o.schedule === 'interval') {
      // The first rounds' way, kept for A/B: setInterval re-arms every timer it ran in one pass of the timer list
      // from that pass's time, so clients that a late pass (a busy loop, a loaded machine) served together stay
      // together: the clients of a session come to type in the same millisecond, and a strict authority answers
      // all but one of them with conflict (docs/benchmarks.md, "Conflict round trips").
      timers.push(setTimeout(() => timers.push(setInterval(tick, period)), offset));
    } else {
      // Each client on its own clock: keystroke k is due at start + offset + k x period, whenever the one before
      // ran, so clients a late pass served together part again at the next keystroke, as independent typists do.
      // A keystroke more than a period late is dropped rather than sent in a burst.
      let due = start + offset;
      const next = () => {
        if (stopped) return;
        tick();
        const now = performance.now();
        due += period;
        while (due < now - period) due += period;
        setTimeout(next, Math.max(0, due - now)); // after the stop it fires once more and returns
      };
      setTimeout(next, offset);
    }
  }
  await sleep(o.warmup * 1000);
  const cpuBefore = cpuMillis(o.serverPid);
  const elu = performance.eventLoopUtilization();
  await sleep(o.seconds * 1000);
  stopped = true;
  timers.forEach((t) => { clearTimeout(t); clearInterval(t); });
  const generatorBusy = performance.eventLoopUtilization(elu).utilization;

  const drainDeadline = performance.now() + 60000;
  while (!all.every((c) => c.idle()) && performance.now() < drainDeadline) await sleep(20);
  await sleep(500); // the last fan-out
  const cpuAfter = cpuMillis(o.serverPid);
  let converged = 0;
  let diverged = 0;
  for (const session of sessions) {
    const serverText = await system.serverText(o, session.id);
    let same = false;
    for (let i = 0; i < 100 && !same; i++) { same = session.clients.every((c) => c.text() === serverText); if (!same) await sleep(100); }
    if (same) converged++; else { diverged++; run.error(`session ${session.id} diverged`); }
  }
  all.forEach((c) => c.close());

  const sorted = Float64Array.from(run.samples).sort();
  const report = {
    system: o.system, schedule: o.schedule, deflate: o.deflate, sessions: o.sessions, clients: o.clients, rate: o.rate, seconds: o.seconds,
    edits: run.edits, measuredEdits: run.measuredEdits, editsPerSecond: run.measuredEdits / o.seconds,
    samples: sorted.length, p50: percentile(sorted, 0.5), p90: percentile(sorted, 0.9), p99: percentile(sorted, 0.99), max: sorted.length ? sorted[sorted.length - 1] : NaN,
    errors: run.errors, firstError: run.firstError, converged, diverged,
    // Tandem's contract only (ShareDB and Yjs transform instead): pushes sent and refused as stale while measuring.
    pushes: o.system === 'tandem' ? run.pushes : null, conflicts: o.system === 'tandem' ? run.conflicts : null,
    conflictsWaiting: o.system === 'tandem' ? run.conflictsWaiting : null, conflictWaitMs: o.system === 'tandem' ? run.conflictWaitMs : null,
    serverCpuMsPer1000Edits: o.serverPid ? ((cpuAfter - cpuBefore) * 1000) / Math.max(1, run.measuredEdits) : null,
    generatorEventLoopBusy: generatorBusy, loadAverage: fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
  };
  console.log(`${o.system}${o.deflate ? ' (deflate)' : ''}: ${o.sessions}x${o.clients}x${o.rate}/s ${o.seconds}s: ${report.editsPerSecond.toFixed(0)} edits/s, `
    + `p50 ${report.p50.toFixed(2)} p90 ${report.p90.toFixed(2)} p99 ${report.p99.toFixed(2)} max ${report.max.toFixed(2)} ms (${report.samples} samples), `
    + `errors ${report.errors}${report.conflicts != null ? `, conflicts ${report.conflicts} of ${report.pushes} pushes` : ''}, converged ${converged}/${o.sessions}, server CPU ${report.serverCpuMsPer1000Edits?.toFixed(0) ?? '-'} ms/1000 edits, `
    + `generator busy ${(generatorBusy * 100).toFixed(0)} %, load ${report.loadAverage}`);
  if (o.json) fs.writeFileSync(o.json, JSON.stringify(report, null, 2));
  process.exit(0);
}

main().catch((e) => { console.error(e); process.exit(1); });
