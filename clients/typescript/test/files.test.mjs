// Several files (v1.1) in TandemClient: routing by `file`, seq per file, a rename while a push is in flight,
// a delete while editing, the main file renamed by a language switch. The server here is a script: a socket
// that records what the client sends and delivers the server messages each step of the contract names, so that
// the orderings that are races on a real server (an answer under the old path after file.renamed) happen every
// time. The same client against the real server: client.test.mjs.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { HeadlessEditor, TandemClient } from "../dist/index.js";

/** A WebSocket the test drives: `sent` holds the client's messages, `deliver` plays the server. */
class ScriptedSocket {
  static last = null;
  readyState = 0;
  onopen = null;
  onmessage = null;
  onclose = null;
  onerror = null;
  sent = [];
  constructor(url) {
    this.url = url;
    ScriptedSocket.last = this;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  send(data) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.readyState = 3;
  }
  deliver(msg) {
    this.onmessage?.({ data: JSON.stringify(msg) });
  }
  /** The client's messages of `type` sent since the last take (and forgets them). */
  take(type) {
    const found = this.sent.filter((m) => m.type === type);
    this.sent = this.sent.filter((m) => m.type !== type);
    return found;
  }
}

const CLIENT = "me";
const welcome = (files, extra = {}) => ({
  type: "welcome",
  protocol: "1.1",
  sessionId: "s",
  clientId: CLIENT,
  version: files[0].version,
  content: files[0].content,
  language: "python",
  participants: [],
  files,
  ...extra,
});

/**
 * A client joined to a session with `files`, destroyed when test `t` ends; every file gets a headless editor (the
 * main one from the welcome).
 */
function joined(t, files, options = {}) {
  const messages = [];
  const editors = {};
  const client = new TandemClient({
    url: "ws://tandem.invalid/ws/sessions/s",
    clientId: CLIENT,
    name: "Me",
    WebSocket: ScriptedSocket,
    events: {
      welcome: (w) => (editors[w.files?.[0]?.path ?? ""] = new HeadlessEditor(w, CLIENT).bind(client)),
      message: (m) => messages.push(m),
    },
    ...options,
  });
  t.after(() => client.destroy());
  const socket = ScriptedSocket.last;
  socket.open();
  assert.equal(socket.take("hello").length, 1);
  socket.deliver(welcome(files));
  for (const f of files.slice(1)) editors[f.path] = new HeadlessEditor(client.file(f.path).snapshot(), CLIENT).bindFile(client, f.path);
  return { client, socket, editors, messages };
}

const update = (clientId, seq, changes) => ({ clientId, seq, changes });

describe("several files in TandemClient", () => {
  test("updates, acks and presence are routed by file; a message without file is the main file's", (t) => {
    const { client, socket, editors, messages } = joined(t, [
      { path: "main.py", version: 2, content: "import util\n" },
      { path: "util.py", version: 0, content: "" },
    ]);
    assert.deepEqual(client.files(), [{ path: "main.py", main: true }, { path: "util.py", main: false }]);
    socket.deliver({ type: "updates", file: "util.py", fromVersion: 0, updates: [update("other", 1, [[0, "def f(): return 1"]])] });
    socket.deliver({ type: "updates", fromVersion: 2, updates: [update("other", 2, [11, [0, "print(1)"], 1])] });
    assert.equal(editors["util.py"].text, "def f(): return 1");
    assert.equal(editors["util.py"].version, 1);
    assert.equal(editors["main.py"].text, "import utilprint(1)\n");
    assert.equal(editors["main.py"].version, 3);
    assert.deepEqual(messages.filter((m) => m.type === "synced").map((m) => [m.file, m.version]), [["util.py", 1], ["main.py", 3]]);

    // presence names the file, mapped through that file's own history
    socket.deliver({ type: "presence", clientId: "other", name: "O", color: "#f00", file: "util.py", selection: { anchor: 0, head: 0 }, version: 0 });
    const p = messages.find((m) => m.type === "presence");
    assert.equal(p.file, "util.py");
    assert.equal(client.mapRemote(0, 0, 1, "util.py"), 17, "past the 17 characters inserted at 0 in util.py");
    assert.equal(client.mapRemote(0, 0, -1, "util.py"), 0, "or before them");
    assert.equal(client.mapRemote(3, 2), 3, "the main file's history has nothing before position 3");
    assert.ok(client.presence({ anchor: 1, head: 2 }, "util.py"));
    assert.deepEqual(socket.take("presence"), [{ type: "presence", file: "util.py", selection: { anchor: 1, head: 2 }, version: 1 }]);
  });

  test("seq counts per file, main file pushes carry no file, and each file waits for its own ack", (t) => {
    const { client, socket, editors } = joined(t, [
      { path: "main.py", version: 0, content: "" },
      { path: "util.py", version: 5, content: "x" },
    ]);
    editors["main.py"].edit({ changes: { from: 0, insert: "a" } });
    editors["util.py"].edit({ changes: { from: 0, insert: "b" } });
    let pushes = socket.take("push");
    assert.deepEqual(pushes.map((p) => [p.file, p.version, p.updates.map((u) => u.seq)]), [[undefined, 0, [1]], ["util.py", 5, [1]]]);
    assert.ok(!("file" in pushes[0]), "a v1 server sees the main file's push unchanged");

    // util.py's push is still unanswered: a second edit there waits, main.py is free once acked
    editors["util.py"].edit({ changes: { from: 0, insert: "c" } });
    assert.equal(socket.take("push").length, 0);
    socket.deliver({ type: "ack", file: "main.py", clientId: CLIENT, seq: 1, version: 1 });
    socket.deliver({ type: "updates", file: "main.py", fromVersion: 0, updates: [update(CLIENT, 1, [[0, "a"]])] });
    editors["main.py"].edit({ changes: { from: 1, insert: "z" } });
    socket.deliver({ type: "ack", file: "util.py", clientId: CLIENT, seq: 1, version: 6 });
    socket.deliver({ type: "updates", file: "util.py", fromVersion: 5, updates: [update(CLIENT, 1, [[0, "b"], 1])] });
    pushes = socket.take("push");
    assert.deepEqual(pushes.map((p) => [p.file, p.version, p.updates.map((u) => u.seq)]), [[undefined, 1, [2]], ["util.py", 6, [2]]]);
    assert.equal(editors["util.py"].pending, 1);
  });

  test("a rename while a push is in flight: the push is sent again under the new path, with the same seq and version", (t) => {
    const { client, socket, editors, messages } = joined(t, [
      { path: "main.py", version: 0, content: "" },
      { path: "util.py", version: 3, content: "u" },
    ]);
    editors["util.py"].edit({ changes: { from: 1, insert: "!" } });
    const [first] = socket.take("push");
    assert.equal(first.file, "util.py");

    // someone renamed the file before our push reached the server: it answers under the name we used
    socket.deliver({ type: "file.renamed", path: "util.py", to: "lib/helpers.py", by: "Ada", clientId: "ada" });
    assert.deepEqual(client.files().map((f) => f.path), ["main.py", "lib/helpers.py"]);
    assert.equal(client.file("util.py"), null);
    socket.deliver({ type: "error", code: "NO_SUCH_FILE", message: "no such file", ref: "push", file: "util.py" });
    const [again] = socket.take("push");
    assert.equal(again.file, "lib/helpers.py");
    assert.equal(again.version, first.version);
    assert.deepEqual(again.updates, first.updates, "the same updates and seqs: the server recognises a resend");
    assert.ok(!messages.some((m) => m.type === "error"), "the client handled it: nothing to tell the person");
    assert.ok(messages.some((m) => m.type === "file.renamed" && m.to === "lib/helpers.py"));

    // updates may still come under the old path shortly after the rename
    socket.deliver({ type: "updates", file: "util.py", fromVersion: 3, updates: [update("ada", 9, [[0, ">"], 1])] });
    socket.deliver({ type: "ack", file: "lib/helpers.py", clientId: CLIENT, seq: 1, version: 5 });
    socket.deliver({ type: "updates", file: "lib/helpers.py", fromVersion: 4, updates: [update(CLIENT, 1, [2, [0, "!"]])] });
    assert.equal(editors["util.py"].text, ">u!");
    assert.equal(editors["util.py"].version, 5);
    assert.equal(editors["util.py"].pending, 0);

    // the count goes on under the new name
    editors["util.py"].edit({ changes: { from: 0, insert: "#" } });
    const [next] = socket.take("push");
    assert.deepEqual([next.file, next.version, next.updates.map((u) => u.seq)], ["lib/helpers.py", 5, [2]]);
  });

  test("updates under a path announced later (file.renamed, file.created after the batch) are applied once it is", (t) => {
    const { client, socket, editors } = joined(t, [
      { path: "main.py", version: 0, content: "" },
      { path: "a.py", version: 0, content: "" },
    ]);
    socket.deliver({ type: "updates", file: "b.py", fromVersion: 0, updates: [update("ada", 1, [[0, "b"]])] });
    socket.deliver({ type: "updates", file: "new.py", fromVersion: 0, updates: [update("ada", 1, [[0, "n"]])] });
    assert.equal(editors["a.py"].text, "");
    socket.deliver({ type: "file.renamed", path: "a.py", to: "b.py", by: "Ada", clientId: "ada" });
    assert.equal(editors["a.py"].text, "b");
    socket.deliver({ type: "file.created", path: "new.py", version: 0, content: "", by: "Ada", clientId: "ada" });
    assert.deepEqual(client.file("new.py").snapshot(), { content: "n", version: 1 });
    assert.equal(socket.take("pull").length, 0, "nothing was missing");
  });

  test("an ack naming a version whose updates never come is followed by a pull", async (t) => {
    const { client, socket, editors } = joined(t, [{ path: "main.py", version: 0, content: "" }, { path: "a.py", version: 0, content: "" }]);
    editors["a.py"].edit({ changes: { from: 0, insert: "x" } });
    socket.take("push");
    socket.deliver({ type: "ack", file: "a.py", clientId: CLIENT, seq: 1, version: 2 }); // someone else's update is version 1
    const deadline = Date.now() + 5000;
    let pulls = [];
    while (!pulls.length && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      pulls = socket.take("pull");
    }
    assert.deepEqual(pulls, [{ type: "pull", file: "a.py", version: 0 }]);
  });

  test("an ack under the old path after a rename still completes the push", (t) => {
    const { client, socket, editors } = joined(t, [
      { path: "main.py", version: 0, content: "" },
      { path: "a.py", version: 0, content: "" },
    ]);
    editors["a.py"].edit({ changes: { from: 0, insert: "1" } });
    socket.take("push");
    socket.deliver({ type: "file.renamed", path: "a.py", to: "b.py", by: "Ada", clientId: "ada" });
    socket.deliver({ type: "ack", file: "a.py", clientId: CLIENT, seq: 1, version: 1 });
    socket.deliver({ type: "updates", file: "a.py", fromVersion: 0, updates: [update(CLIENT, 1, [[0, "1"]])] });
    assert.equal(editors["a.py"].pending, 0);
    assert.equal(client.file("b.py").version, 1);
    assert.equal(socket.take("push").length, 0, "nothing left to send");
  });

  test("a delete while editing: the file's edits are dropped and reported, the other files go on", (t) => {
    const { client, socket, editors, messages } = joined(t, [
      { path: "main.py", version: 0, content: "" },
      { path: "tmp.py", version: 0, content: "" },
    ]);
    editors["tmp.py"].edit({ changes: { from: 0, insert: "1" } });
    editors["tmp.py"].edit({ changes: { from: 1, insert: "2" } });
    assert.equal(socket.take("push").length, 1);
    socket.deliver({ type: "file.deleted", path: "tmp.py", by: "Ada", clientId: "ada" });
    socket.deliver({ type: "error", code: "NO_SUCH_FILE", message: "deleted", ref: "push", file: "tmp.py" });
    socket.deliver({ type: "updates", file: "tmp.py", fromVersion: 0, updates: [update("ada", 1, [[0, "late"]])] });
    const deleted = messages.find((m) => m.type === "file.deleted");
    assert.equal(deleted.by, "Ada");
    assert.equal(deleted.lostUpdates, 2, "the two unconfirmed edits are gone with the file");
    assert.ok(!messages.some((m) => m.type === "error"), "the push's NO_SUCH_FILE is not told twice: file.deleted said it");
    assert.deepEqual(client.files().map((f) => f.path), ["main.py"]);
    editors["tmp.py"].edit({ changes: { from: 0, insert: "3" } });
    editors["main.py"].edit({ changes: { from: 0, insert: "m" } });
    const pushes = socket.take("push");
    assert.deepEqual(pushes.map((p) => p.file), [undefined], "only the main file pushes");
    assert.equal(client.createFile("tmp.py", "again"), true);
    assert.deepEqual(socket.take("file.create"), [{ type: "file.create", path: "tmp.py", content: "again" }]);
    // a file created again under the deleted name is a new document at version 0
    socket.deliver({ type: "file.created", path: "tmp.py", version: 0, content: "again", by: "Me", clientId: CLIENT });
    assert.deepEqual(client.file("tmp.py").snapshot(), { content: "again", version: 0 });
  });

  test("a file nobody opened follows its version line in the background, and opens at its current version", (t) => {
    const { client, socket } = joined(t, [{ path: "main.py", version: 0, content: "" }]);
    socket.deliver({ type: "file.created", path: "util.py", version: 0, content: "", by: "Ada", clientId: "ada" });
    socket.deliver({ type: "updates", file: "util.py", fromVersion: 0, updates: [update("ada", 1, [[0, "def f():"]])] });
    const snap = client.file("util.py").snapshot();
    assert.deepEqual(snap, { content: "def f():", version: 1 });
    const editor = new HeadlessEditor(snap, CLIENT).bindFile(client, "util.py");
    editor.edit({ changes: { from: 8, insert: " pass" } });
    const [push] = socket.take("push");
    assert.deepEqual([push.file, push.version, push.updates[0].seq], ["util.py", 1, 1]);
  });

  test("the main file renamed by a language switch keeps routing without a file on what the client sends", (t) => {
    const { client, socket, editors } = joined(t, [{ path: "main.py", version: 0, content: "" }, { path: "Util.java", version: 0, content: "" }], {
      mainFileOf: (language) => ({ java: "Main.java", python: "main.py" })[language],
    });
    socket.deliver({ type: "language", language: "java", by: "Ada", clientId: "ada" });
    assert.equal(client.mainPath, "Main.java");
    socket.deliver({ type: "updates", file: "Main.java", fromVersion: 0, updates: [update("ada", 1, [[0, "class Main {}"]])] });
    socket.deliver({ type: "updates", file: "main.py", fromVersion: 1, updates: [update("ada", 2, [13, [0, "\n"]])] }); // sent before the switch
    assert.equal(editors["main.py"].text, "class Main {}\n");
    editors["main.py"].edit({ changes: { from: 0, insert: "public " } });
    assert.ok(!("file" in socket.take("push")[0]));
  });

  test("without mainFileOf, the first unknown path after a language switch is the main file's", (t) => {
    const { client, socket, editors } = joined(t, [{ path: "main.py", version: 0, content: "" }, { path: "b.py", version: 0, content: "" }]);
    socket.deliver({ type: "language", language: "java", by: "Ada", clientId: "ada" });
    socket.deliver({ type: "updates", file: "b.py", fromVersion: 0, updates: [update("ada", 1, [[0, "b"]])] });
    assert.equal(client.mainPath, "main.py", "a known file's message changes nothing");
    socket.deliver({ type: "updates", file: "Main.java", fromVersion: 0, updates: [update("ada", 2, [[0, "m"]])] });
    assert.equal(client.mainPath, "Main.java");
    assert.equal(editors["main.py"].text, "m");
    assert.equal(editors["b.py"].text, "b");
  });

  test("a reconnect's welcome reports files created and deleted meanwhile, and resyncs the others", (t) => {
    const { client, socket, editors, messages } = joined(t, [
      { path: "main.py", version: 0, content: "" },
      { path: "keep.py", version: 0, content: "" },
      { path: "old.py", version: 0, content: "" },
    ]);
    socket.close();
    socket.onclose?.({ code: 1006 });
    editors["keep.py"].edit({ changes: { from: 0, insert: "k" } });
    // the client reconnects after its backoff; hand it the new socket's welcome
    return new Promise((resolve, reject) => {
      const deadline = Date.now() + 5000;
      const check = () => {
        const s = ScriptedSocket.last;
        if (s !== socket && s.onopen) {
          try {
            s.open();
            assert.equal(s.take("hello").length, 1);
            s.deliver(welcome([{ path: "main.py", version: 0, content: "" }, { path: "keep.py", version: 2, content: "xy" }, { path: "new.py", version: 1, content: "n" }]));
            assert.deepEqual(client.files().map((f) => f.path), ["main.py", "keep.py", "new.py"]);
            const gone = messages.find((m) => m.type === "file.deleted");
            assert.deepEqual([gone.path, gone.by], ["old.py", null]);
            assert.ok(messages.some((m) => m.type === "file.created" && m.path === "new.py"));
            // keep.py is behind: the client pulls it before it pushes its edit
            assert.deepEqual(s.take("pull"), [{ type: "pull", file: "keep.py", version: 0 }]);
            assert.equal(s.take("push").length, 0);
            resolve();
          } catch (e) {
            reject(e);
          }
        } else if (Date.now() > deadline) reject(new Error("no reconnect within 5 s"));
        else setTimeout(check, 20);
      };
      check();
    });
  });
});
