// The package against a real Tandem (the packaged app, started by the test): what a program using
// @tandem/client relies on. Run: npm test (after npm run build and mvn package -DskipTests).
import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import WebSocket from "ws";
import { HeadlessEditor, TandemClient, httpTransport } from "../dist/index.js";
import { createSession, serverSession, useServer, waitFor } from "./server.mjs";

// Code runs need the Docker engine and the sandbox images (part of the test set-up, as for the IDE's e2e tests).
const RUNS_AVAILABLE = process.env.TANDEM_E2E_RUNS !== "0";

const clients = [];
// registered first, so the clients are gone before the node stops (hooks run in the order they are registered)
after(() => {
  for (const c of clients) c.destroy();
});
const server = useServer();

/** A connected client with a headless editor; `messages` records every message it was handed. */
async function join(sessionId, name, { tokens, transport } = {}) {
  const messages = [];
  const states = [];
  let editor = null;
  const clientId = randomUUID();
  const client = new TandemClient({
    url: `${server.url.replace(/^http/, "ws")}/ws/sessions/${sessionId}`,
    clientId,
    name,
    WebSocket: transport ?? WebSocket,
    tokens,
    backoff: { initialMs: 50, maxMs: 500 },
    events: {
      welcome: (w) => (editor = new HeadlessEditor(w, clientId).bind(client)),
      message: (m) => messages.push(m),
      state: (s) => states.push(s),
    },
  });
  clients.push(client);
  await waitFor(() => client.connected && editor, { what: `${name} connected` });
  return { client, editor: () => editor, messages, states };
}

async function converged(id, people) {
  let last = "";
  await waitFor(
    async () => {
      const s = await serverSession(server.url, id);
      last = JSON.stringify({ server: [s.version, s.content], people: people.map((p) => [p.editor().version, p.editor().pending, p.editor().text]) });
      return people.every((p) => p.editor().pending === 0 && p.editor().version === s.version && p.editor().text === s.content);
    },
    { timeout: 30_000, interval: 50, what: "editors identical to the server" },
  ).catch((e) => {
    throw new Error(`${e.message}\n${last}`);
  });
  return (await serverSession(server.url, id)).content;
}

describe("@tandem/client against a real Tandem", () => {
  test("two clients editing concurrently converge on the server's document, and no edit is lost", async () => {
    const session = await createSession(server.url, { language: "python", content: "start\n", title: "ts-client" });
    const ada = await join(session.id, "Ada");
    const grace = await join(session.id, "Grace");

    // 40 edits each, interleaved without waiting for acks: both sides push while the other's updates arrive
    for (let i = 0; i < 40; i++) {
      ada.editor().edit({ changes: { from: 0, insert: `a${i};` } });
      const end = grace.editor().state.doc.length;
      grace.editor().edit({ changes: { from: end, insert: `g${i};` } });
    }
    const doc = await converged(session.id, [ada, grace]);
    for (let i = 0; i < 40; i++) {
      assert.ok(doc.includes(`a${i};`), `Ada's edit ${i} is in the document`);
      assert.ok(doc.includes(`g${i};`), `Grace's edit ${i} is in the document`);
    }
    assert.ok(doc.includes("start\n"));
    assert.ok(ada.client.stats.acks > 0 && grace.client.stats.acks > 0);
  });

  test("clients on SSE and on long polling edit concurrently with a WebSocket client and converge", async () => {
    const session = await createSession(server.url, { language: "python", content: "mid\n", title: "ts-http" });
    const ws = await join(session.id, "Socket");
    const sse = await join(session.id, "Sse", { transport: httpTransport({ mode: "sse" }) });
    const poll = await join(session.id, "Poll", { transport: httpTransport({ mode: "poll", pollWaitMs: 5000 }) });
    for (let i = 0; i < 30; i++) {
      ws.editor().edit({ changes: { from: 0, insert: `w${i};` } });
      sse.editor().edit({ changes: { from: sse.editor().state.doc.length, insert: `s${i};` } });
      poll.editor().edit({ changes: { from: 0, insert: `p${i};` } });
    }
    const doc = await converged(session.id, [ws, sse, poll]);
    for (let i = 0; i < 30; i++) for (const tag of ["w", "s", "p"]) assert.ok(doc.includes(`${tag}${i};`), `${tag}${i} is in the document`);
    assert.ok(sse.client.stats.acks > 0 && poll.client.stats.acks > 0);
    // the SSE client saw the polling one join, over its stream
    assert.ok(sse.messages.some((m) => m.type === "joined" && m.clientId === poll.client.clientId));
  });

  test("several files: over WebSocket, SSE and long polling, three clients edit two files at once and converge per file; a file made, renamed and deleted reaches all", async () => {
    const session = await createSession(server.url, { language: "python", title: "ts-files", files: [{ path: "main.py", content: "import util\n" }, { path: "util.py", content: "" }] });
    const people = [
      await join(session.id, "Socket"),
      await join(session.id, "Sse", { transport: httpTransport({ mode: "sse" }) }),
      await join(session.id, "Poll", { transport: httpTransport({ mode: "poll", pollWaitMs: 5000 }) }),
    ];
    const util = people.map((p) => new HeadlessEditor(p.client.file("util.py").snapshot(), p.client.clientId).bindFile(p.client, "util.py"));
    for (let i = 0; i < 20; i++) {
      people.forEach((p, k) => {
        p.editor().edit({ changes: { from: 0, insert: `m${k}.${i};` } });
        util[k].edit({ changes: { from: k === 1 ? util[k].state.doc.length : 0, insert: `u${k}.${i};` } });
      });
    }
    const filesConverged = async () => {
      let last = "";
      await waitFor(async () => {
        const s = await serverSession(server.url, session.id);
        const want = s.files.map((f) => [f.path, f.version, f.content]);
        const seen = people.map((p) => p.client.files().map((f) => { const d = p.client.file(f.path); return [f.path, d.version, d.state.doc.toString(), d.pending]; }));
        last = JSON.stringify({ want, seen });
        return seen.every((files) => JSON.stringify(files.map((f) => f.slice(0, 3))) === JSON.stringify(want) && files.every((f) => f[3] === 0));
      }, { timeout: 30_000, what: "every file identical to the server's" }).catch((e) => { throw new Error(`${e.message}\n${last}`); });
      return serverSession(server.url, session.id);
    };
    let s = await filesConverged();
    for (let i = 0; i < 20; i++) for (let k = 0; k < 3; k++) {
      assert.ok(s.files[0].content.includes(`m${k}.${i};`), `main m${k}.${i}`);
      assert.ok(s.files[1].content.includes(`u${k}.${i};`), `util u${k}.${i}`);
    }
    assert.equal(s.files[1].version, 60, "util.py has its own version line: 60 edits");

    // the polling client makes a file, the SSE one renames it while the socket one types into it, then it is deleted
    assert.ok(people[2].client.createFile("lib/extra.py", "x = 1\n"));
    await waitFor(() => people.every((p) => p.client.file("lib/extra.py")), { what: "lib/extra.py everywhere" });
    const extra = new HeadlessEditor(people[0].client.file("lib/extra.py").snapshot(), people[0].client.clientId).bindFile(people[0].client, "lib/extra.py");
    extra.edit({ changes: { from: 0, insert: "# typed before the rename\n" } });
    assert.ok(people[1].client.renameFile("lib/extra.py", "lib/more.py"));
    extra.edit({ changes: { from: 0, insert: "# typed around the rename\n" } });
    await waitFor(() => people.every((p) => p.client.file("lib/more.py") && !p.client.file("lib/extra.py")), { what: "renamed everywhere" });
    s = await filesConverged();
    assert.equal(s.files.find((f) => f.path === "lib/more.py").content, "# typed around the rename\n# typed before the rename\nx = 1\n");
    assert.ok(people[0].client.deleteFile("lib/more.py"));
    await waitFor(() => people.every((p) => p.messages.some((m) => m.type === "file.deleted" && m.path === "lib/more.py")), { what: "deleted everywhere" });
    s = await filesConverged();
    assert.deepEqual(s.files.map((f) => f.path), ["main.py", "util.py"]);
  });

  test("after the socket drops, the client reconnects with its resumeToken, pulls what it missed and pushes what it kept", async () => {
    const session = await createSession(server.url, { language: "python", content: "", title: "ts-client" });
    const saved = [];
    const tokens = { load: () => saved.at(-1) ?? null, save: (t) => saved.push(t) };
    const ada = await join(session.id, "Ada", { tokens });
    const grace = await join(session.id, "Grace");
    assert.equal(typeof saved[0], "string", "the welcome's resumeToken went to the caller's store");

    // Ada loses her connection; both keep editing while it is down
    ada.client["ws"].close();
    ada.editor().edit({ changes: { from: 0, insert: "offline-ada " } });
    grace.editor().edit({ changes: { from: 0, insert: "online-grace " } });
    // a hello with Ada's clientId but without her resumeToken would get CLIENT_ID_TAKEN and stay unjoined
    await waitFor(() => ada.client.stats.reconnects >= 1 && ada.client.connected, { what: "Ada reconnected" });
    const doc = await converged(session.id, [ada, grace]);
    assert.match(doc, /offline-ada /);
    assert.match(doc, /online-grace /);
    assert.ok(ada.states.includes("reconnecting"));
    // the same identity came back: Grace never saw a second Ada join
    const adaJoins = grace.messages.filter((m) => m.type === "joined" && m.clientId === ada.client.clientId);
    assert.ok(adaJoins.length <= 1, `Ada joined ${adaJoins.length} times in Grace's view`);
  });

  test("presence is mapped through concurrent edits to the other client", async () => {
    const session = await createSession(server.url, { language: "python", content: "hello world\n", title: "ts-client" });
    const ada = await join(session.id, "Ada");
    const grace = await join(session.id, "Grace");
    assert.ok(ada.client.presence({ anchor: 6, head: 11 }));
    const seen = await waitFor(() => grace.messages.find((m) => m.type === "presence" && m.clientId === ada.client.clientId), { what: "Ada's presence at Grace" });
    assert.equal(seen.name, "Ada");
    grace.editor().edit({ changes: { from: 0, insert: ">> " } });
    assert.equal(grace.client.mapRemote(seen.selection.anchor, seen.version, -1), 9, "'world' moved right by Grace's 3 characters");
  });

  test("a run streams its output to both clients", { skip: !RUNS_AVAILABLE && "TANDEM_E2E_RUNS=0" }, async () => {
    const session = await createSession(server.url, { language: "python", content: "for i in range(3):\n    print('line', i)\n", title: "ts-client" });
    const ada = await join(session.id, "Ada");
    const grace = await join(session.id, "Grace");
    assert.ok(ada.client.run(""));
    for (const p of [ada, grace]) {
      const finished = await waitFor(() => p.messages.find((m) => m.type === "run.finished"), { timeout: 90_000, interval: 100, what: "run.finished" });
      assert.equal(finished.outcome, "ok");
      const queued = p.messages.find((m) => m.type === "run.queued");
      assert.equal(queued.by, "Ada", "the run names who started it");
      const out = p.messages
        .filter((m) => m.type === "run.output" && m.runId === finished.runId && m.stream === "stdout")
        .sort((a, b) => a.seq - b.seq)
        .map((m) => m.data)
        .join("");
      assert.equal(out, "line 0\nline 1\nline 2\n");
    }
  });

  test("a participant the owner removes ends in state gone and does not come back (close 4403)", async () => {
    const s = await createSession(server.url, { language: "python", content: "x" });
    const kept = await join(s.id, "Kept");
    const removed = await join(s.id, "Removed");
    const states = [];
    removed.client["events"].state = (st, detail) => states.push([st, detail]);
    const res = await fetch(`${server.url}/api/sessions/${s.id}/participants/${removed.client.clientId}`, {
      method: "DELETE",
      headers: { "x-tandem-owner": s.ownerToken },
    });
    assert.equal(res.status, 204);
    await waitFor(() => removed.client.state === "gone", { what: "state gone" });
    assert.match(states.at(-1)[1], /removed/);
    assert.ok(!states.some(([st]) => st === "reconnecting"), `reconnected: ${JSON.stringify(states)}`);
    assert.equal(kept.client.state, "connected");
  });

  test("an interactive run takes the other client's input, and runCancel stops a run", { skip: !RUNS_AVAILABLE && "TANDEM_E2E_RUNS=0" }, async () => {
    const session = await createSession(server.url, { language: "python", content: "name = input()\nprint('hi', name)\nwhile True:\n    pass\n", title: "ts-interactive" });
    const ada = await join(session.id, "Ada");
    const grace = await join(session.id, "Grace");
    assert.ok(ada.client.run("", { interactive: true }));
    const started = await waitFor(() => grace.messages.find((m) => m.type === "run.started"), { timeout: 90_000, interval: 50, what: "run.started" });
    assert.ok(grace.client.runInput(started.runId, "Grace\n"));
    // the program's writes may come in several run.output chunks: the console is their concatenation in seq order
    const transcript = (p) => p.messages.filter((m) => (m.type === "run.output" || m.type === "run.input") && m.runId === started.runId)
      .sort((a, b) => a.seq - b.seq)
      .map((m) => (m.type === "run.input" ? `[${m.by}:${m.data}]` : m.data))
      .join("");
    for (const p of [ada, grace]) {
      await waitFor(() => transcript(p).includes("hi Grace\n"), { timeout: 30_000, interval: 50, what: "the answer" });
      const typed = p.messages.find((m) => m.type === "run.input");
      assert.equal(typed.by, "Grace");
      assert.equal(typed.data, "Grace\n");
      assert.equal(transcript(p), "[Grace:Grace\n]hi Grace\n", "input and output share one seq line, input first");
    }
    assert.ok(ada.client.runCancel(started.runId)); // the program now loops for ever
    for (const p of [ada, grace]) {
      const finished = await waitFor(() => p.messages.find((m) => m.type === "run.finished" && m.runId === started.runId), { timeout: 30_000, interval: 50, what: "run.finished" });
      assert.equal(finished.outcome, "cancelled");
    }
  });

  test("a session that does not exist ends in state gone, without retrying", async () => {
    const client = new TandemClient({
      url: `${server.url.replace(/^http/, "ws")}/ws/sessions/no-such-session`,
      clientId: randomUUID(),
      name: "Nobody",
      WebSocket,
    });
    clients.push(client);
    await waitFor(() => client.state === "gone", { what: "state gone" });
    assert.equal(client.connected, false);
  });
});
