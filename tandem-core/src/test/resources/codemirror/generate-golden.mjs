// Generates golden-cases.json: random change sets and what @codemirror/state itself computes for
// map (both tie-breaks), compose and mapPos, so the Java port is checked against the real CodeMirror.
// Run: npm install @codemirror/state@6.7.6 && node generate-golden.mjs > golden-cases.json
import {ChangeSet} from "@codemirror/state"

let seed = 20261126
function random() { // mulberry32: seeded, so the file can be regenerated identically
  seed |= 0; seed = seed + 0x6D2B79F5 | 0
  let t = Math.imul(seed ^ seed >>> 15, 1 | seed)
  t = t + Math.imul(t ^ t >>> 7, 61 | t) ^ t
  return ((t ^ t >>> 14) >>> 0) / 4294967296
}
const r = n => Math.floor(random() * n)
const pieces = ["a", "b", "c", "x", " ", "\n", "é", "日", "😀", "🎉", "\t"]
function text(max) {
  let out = "", target = r(max + 1)
  while (out.length < target) out += pieces[r(pieces.length)]
  return out
}
function specs(len, count) {
  let out = []
  for (let i = 0; i < count; i++) {
    if (len == 0 || r(3) == 0) { out.push({from: r(len + 1), insert: text(5) || "z"}); continue }
    let from = r(len), to = Math.min(len, from + r(6) + 1)
    out.push(r(2) ? {from, to} : {from, to, insert: text(4)})
  }
  return out
}

let cases = []
for (let i = 0; i < 600; i++) {
  let doc = text(r(3) ? 25 : 4)
  let count = 1 + r(i < 300 ? 3 : 8)
  let a = ChangeSet.of(specs(doc.length, count), doc.length)
  let b = ChangeSet.of(specs(doc.length, count), doc.length)
  let c = ChangeSet.of(specs(a.newLength, 1 + r(4)), a.newLength)
  let mapPos = []
  for (let p = 0; p <= doc.length; p++) mapPos.push([a.mapPos(p, -1), a.mapPos(p, 1)])
  cases.push({doc, a: a.toJSON(), b: b.toJSON(), c: c.toJSON(),
              aOverB: a.map(b).toJSON(), aOverBBefore: a.map(b, true).toJSON(),
              aThenC: a.compose(c).toJSON(), mapPos})
}
console.log(JSON.stringify({generator: "@codemirror/state 6.7.6", cases}))
