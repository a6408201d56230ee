// The Node floor must really answer as the contract says, or its figures would measure a broken server: a push
// gets `updates` to every participant and an `ack` to the pusher, a stale one `conflict`, and the side-by-side
// load generator drives it unchanged to a converged end. No timings asserted. Run: node --test bench/peers/
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { startFloor } from './floor-server.mjs';

function socket(port, id) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws/sessions/${id}`);
  const frames = []; const waiters = [];
  ws.on('message', (d) => { const m = JSON.parse(d); const w = waiters.shift(); if (w) w(m); else frames.push(m); });
  const next = () => (frames.length ? Promise.resolve(frames.shift()) : new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no frame within 10 s')), 10000);
    waiters.push((m) => { clearTimeout(timer); resolve(m); });
  }));
  return { ws, next, opened: new Promise((r) => ws.on('open', r)), send: (m) => ws.send(JSON.stringify(m)) };
}

test('a push gets updates to everyone and an ack to the pusher; a stale push gets conflict', async () => {
  const floor = await startFloor(0);
  try {
    const created = await (await fetch(`http://127.0.0.1:${floor.port}/api/sessions`, { method: 'POST', body: JSON.stringify({ content: 'ab' }) })).json();
    const ada = socket(floor.port, created.id); const bob = socket(floor.port, created.id);
    await Promise.all([ada.opened, bob.opened]);
    ada.send({ type: 'hello', clientId: 'ada', name: 'Ada' }); bob.send({ type: 'hello', clientId: 'bob', name: 'Bob' });
    assert.equal((await ada.next()).content, 'ab');
    assert.equal((await bob.next()).type, 'welcome');
    ada.send({ type: 'push', version: 0, updates: [{ clientId: 'ada', seq: 1, changes: [[0, 'x'], 2] }, { clientId: 'ada', seq: 2, changes: [3, [0, 'y']] }] });
    const updates = await ada.next();
    assert.equal(updates.type, 'updates'); assert.equal(updates.fromVersion, 0); assert.equal(updates.updates.length, 2);
    assert.deepEqual(await ada.next(), { type: 'ack', clientId: 'ada', seq: 2, version: 2 });
    assert.deepEqual(await bob.next(), updates);
    bob.send({ type: 'push', version: 1, updates: [{ clientId: 'bob', seq: 1, changes: [[0, 'z'], 3] }] });
    assert.deepEqual(await bob.next(), { type: 'conflict', version: 2 });
    const now = await (await fetch(`http://127.0.0.1:${floor.port}/api/sessions/${created.id}`)).json();
    assert.equal(now.content, 'xaby'); assert.equal(now.version, 2);
    ada.ws.close(); bob.ws.close();
  } finally { floor.close(); }
});

test('the load generator drives it unchanged to a converged end', async () => {
  const floor = await startFloor(0);
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'floor-')), 'report.json');
  try {
    const loadgen = fileURLToPath(new URL('./loadgen.mjs', import.meta.url));
    await new Promise((resolve, reject) => execFile(process.execPath, [loadgen, '--system', 'tandem', '--port', String(floor.port),
      '--sessions', '2', '--clients', '3', '--rate', '5', '--seconds', '2', '--warmup', '1', '--json', out], { timeout: 120000 },
    (e) => (e ? reject(e) : resolve())));
    const report = JSON.parse(fs.readFileSync(out, 'utf8'));
    assert.equal(report.errors, 0, report.firstError ?? '');
    assert.equal(report.converged, 2);
    assert.ok(report.measuredEdits > 0);
  } finally { floor.close(); }
});
