// Prints the side-by-side table of bench/peers/run.sh from its row files (target/peers/*.json): per pass and load
// one table, then the ratios within it: Tandem / best peer (ShareDB, Hocuspocus) and Tandem / the floors.
//   node table.mjs ROW.json ...
import fs from 'node:fs';

const rows = process.argv.slice(2).map((f) => JSON.parse(fs.readFileSync(f, 'utf8')));
const groups = new Map();
for (const r of rows) {
  const key = `pass ${r.pass ?? 1}: ${r.sessions} sessions x ${r.clients} clients x ${r.rate} edits/s = ${(r.sessions * r.clients * r.rate).toLocaleString('en')} edits/s offered`;
  if (!groups.has(key)) groups.set(key, []);
  groups.get(key).push(r);
}
const f = (x, d = 2) => (x == null || Number.isNaN(x) ? '-' : Number(x).toFixed(d));
const ratio = (a, b) => (a == null || b == null || !b ? '-' : (a / b).toFixed(2));
for (const [key, group] of groups) {
  console.log(`\n${key}\n`);
  console.log('| server | edits/s | p50 ms | p99 ms | max ms | errors | converged | server CPU ms / 1,000 edits | whole run user / kernel / JIT ms | conflicts / 1,000 edits (waited for updates, mean wait) | generator busy | load before → after |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  const by = {};
  for (const r of group) {
    by[r.server] = r;
    // Conflicts per 1,000 edits; in brackets how many of them arrived before the updates the client lacked, and
    // the mean wait for those updates (what sending them with the conflict would save).
    const conflicts = r.conflicts == null ? '-' : `${f((r.conflicts * 1000) / Math.max(1, r.measuredEdits), 1)}`
      + (r.conflicts ? ` (${r.conflictsWaiting} waited, ${f(r.conflictWaitMs / Math.max(1, r.conflictsWaiting), 1)} ms)` : '');
    console.log(`| ${r.server} | ${f(r.editsPerSecond, 0)} | ${f(r.p50)} | ${f(r.p99)} | ${f(r.max, 1)} | ${r.errors} | ${r.converged}/${r.sessions} | `
      + `${f(r.serverCpuMsPer1000Edits, 0)} | ${r.wholeRunUserMs ?? '-'} / ${r.wholeRunKernelMs ?? '-'} / ${r.wholeRunJitMs ?? '-'} | ${conflicts} | `
      + `${f(r.generatorEventLoopBusy * 100, 0)} % | ${r.loadBefore ?? '-'} → ${r.loadAverage} |`);
  }
  const t = by.tandem;
  if (!t) continue;
  const peers = ['sharedb', 'hocuspocus'].map((s) => by[s]).filter(Boolean);
  const lines = [];
  if (peers.length) {
    const bestP99 = peers.reduce((a, b) => (b.p99 < a.p99 ? b : a));
    const bestCpu = peers.reduce((a, b) => (b.serverCpuMsPer1000Edits < a.serverCpuMsPer1000Edits ? b : a));
    lines.push(`Tandem / best peer: p99 ${ratio(t.p99, bestP99.p99)} (${bestP99.server}), CPU per edit ${ratio(t.serverCpuMsPer1000Edits, bestCpu.serverCpuMsPer1000Edits)} (${bestCpu.server})`);
    if (by.sharedb) lines.push(`Tandem / ShareDB: p99 ${ratio(t.p99, by.sharedb.p99)}, CPU per edit ${ratio(t.serverCpuMsPer1000Edits, by.sharedb.serverCpuMsPer1000Edits)}`);
  }
  for (const floor of ['floor-jvm', 'floor-jvm4', 'floor-node']) {
    if (by[floor]) lines.push(`Tandem / ${floor}: p99 ${ratio(t.p99, by[floor].p99)}, CPU per edit ${ratio(t.serverCpuMsPer1000Edits, by[floor].serverCpuMsPer1000Edits)}`);
  }
  const old = by['tandem-interval'];
  if (old && t.conflicts != null && old.conflicts != null) {
    lines.push(`Tandem, keystrokes on each client's own clock / on setInterval (the earlier generator): conflicts per 1,000 edits `
      + `${f((t.conflicts * 1000) / Math.max(1, t.measuredEdits), 1)} / ${f((old.conflicts * 1000) / Math.max(1, old.measuredEdits), 1)}, p99 ${ratio(t.p99, old.p99)}, CPU per edit ${ratio(t.serverCpuMsPer1000Edits, old.serverCpuMsPer1000Edits)}`);
  }
  console.log(`\n${lines.join('  \n')}`);
}
