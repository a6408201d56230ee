// End-to-end tests of the browser IDE against a real Tandem (see docs/ide.md). Run: npm run e2e
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  caretAt,
  caretAtLineEnd,
  converged,
  createSession,
  openSession,
  person,
  RUNS_AVAILABLE,
  serverSession,
  shot,
  text,
  useNodeAndBrowser,
  waitFor,
} from "./harness.mjs";

const env = useNodeAndBrowser();
const { contexts } = env;

async function pair(content, language = "python", problem = undefined) {
  const session = await createSession(env.server.url, { language, content, title: "e2e", ...(problem ? { problem } : {}) });
  const ada = await person(env.browser, "Ada");
  const grace = await person(env.browser, "Grace");
  contexts.push(ada.context, grace.context);
  await Promise.all([openSession(ada.page, env.server.url, session.id), openSession(grace.page, env.server.url, session.id)]);
  return { id: session.id, ada: ada.page, grace: grace.page, adaContext: ada.context, graceContext: grace.context };
}

describe("Tandem IDE", () => {
  test("two people typing at the same time end with the server's text", async () => {
    const initial = "line one\nline two\nline three\n";
    const { id, ada, grace } = await pair(initial);

    // different places: end of line 1 and end of line 3, at the same time
    await caretAt(ada, "line one".length);
    await caretAt(grace, "line one\nline two\nline three".length);
    await Promise.all([ada.keyboard.type(" [ada was here]", { delay: 15 }), grace.keyboard.type(" <grace too>", { delay: 15 })]);

    // the same line: start and end of line 2
    let doc = await converged(env.server.url, id, [ada, grace]);
    const line2 = doc.indexOf("line two");
    await caretAt(ada, line2);
    await caretAt(grace, line2 + "line two".length);
    await Promise.all([ada.keyboard.type("AAAA ", { delay: 10 }), grace.keyboard.type(" GGGG", { delay: 10 })]);

    // the very same spot
    doc = await converged(env.server.url, id, [ada, grace]);
    const mid = doc.indexOf("two");
    await caretAt(ada, mid);
    await caretAt(grace, mid);
    await Promise.all([ada.keyboard.type("xyz", { delay: 10 }), grace.keyboard.type("123", { delay: 10 })]);

    const final = await converged(env.server.url, id, [ada, grace]);
    assert.equal(await text(ada), final);
    assert.equal(await text(grace), final);
    assert.match(final, /^line one \[ada was here\]\nAAAA line .*two GGGG\nline three <grace too>\n$/);
    assert.equal(final.length, initial.length + " [ada was here]".length + " <grace too>".length + 10 + 6);
    for (const c of "xyz123") assert.ok(final.includes(c), `missing ${c}`);
    // an answer to a pull overlaps what Ada already has: the transport trims it by fromVersion
    await ada.evaluate(() => window.tandem.transport.send({ type: "pull", version: 0 }));
    await ada.waitForFunction(() => window.tandem.transport.stats.overlapsTrimmed > 0, null, { timeout: 10_000 });
    assert.equal(await converged(env.server.url, id, [ada, grace]), final);
    await shot(ada, "concurrent-typing-ada");
    await shot(grace, "concurrent-typing-grace");
  });

  test("a remote cursor appears in the other editor and follows concurrent edits", async () => {
    const { id, ada, grace } = await pair("def greet(name):\n    return name\n");
    const adaId = await ada.evaluate(() => window.tandem.clientId);
    const pos = "def greet(".length;
    await caretAt(ada, pos);
    const cursor = grace.locator(`.cm-remote-cursor[data-client-id="${adaId}"]`);
    await cursor.waitFor({ state: "visible", timeout: 10_000 });
    assert.equal((await cursor.locator(".cm-remote-cursor-label").textContent()).trim(), "Ada");
    await grace.locator('[data-testid="participants"] li', { hasText: "Ada" }).waitFor({ timeout: 10_000 });

    // Grace types before Ada's caret: it moves along with the text in Grace's editor
    await caretAt(grace, 0);
    await grace.keyboard.type("# hi\n", { delay: 10 });
    await converged(env.server.url, id, [ada, grace]);
    await waitFor(
      async () => {
        const cursors = await grace.evaluate(() => window.tandem.cursors());
        return cursors.find((c) => c.clientId === adaId)?.head === pos + "# hi\n".length;
      },
      { what: "Ada's cursor mapped through Grace's insert" },
    );
    // a selection shows up too
    await ada.evaluate(() => {
      const v = window.tandem.view;
      const from = v.state.doc.toString().indexOf("greet");
      v.dispatch({ selection: { anchor: from, head: from + 5 } });
    });
    await grace.locator(".cm-remote-selection").first().waitFor({ timeout: 10_000 });
    await shot(grace, "remote-cursor-grace");

    // Ada renames herself: stored locally, carried by her next hello and presence
    await ada.fill('[data-testid="my-name"]', "Ada L.");
    await ada.press('[data-testid="my-name"]', "Enter");
    await grace.locator('[data-testid="participants"] li', { hasText: "Ada L." }).waitFor({ timeout: 10_000 });
    await grace.locator(".cm-remote-cursor-label", { hasText: "Ada L." }).waitFor({ timeout: 10_000 });
    assert.equal(await ada.evaluate(() => localStorage.getItem("tandem.name")), "Ada L.");
  });

  test("edits made offline are kept and synced when back online", async () => {
    const { id, ada, grace, adaContext } = await pair("alpha\nbeta\ngamma\n");
    await adaContext.setOffline(true);
    await ada.waitForFunction(() => document.querySelector('[data-testid="conn-state"]').dataset.state === "offline", null, { timeout: 10_000 });

    await caretAt(ada, "alpha".length);
    await ada.keyboard.type(" offline-1", { delay: 10 });
    await ada.keyboard.press("Enter");
    await ada.keyboard.type("offline-2", { delay: 10 });
    await caretAtLineEnd(grace, 3);
    await grace.keyboard.type(" online", { delay: 10 });
    await waitFor(async () => (await serverSession(env.server.url, id)).content.includes("gamma online"), { what: "Grace's edit on the server" });
    assert.ok(!(await serverSession(env.server.url, id)).content.includes("offline-1"));
    await shot(ada, "offline-ada");

    await adaContext.setOffline(false);
    await ada.waitForFunction(() => document.querySelector('[data-testid="conn-state"]').dataset.state === "connected", null, { timeout: 20_000 });
    const final = await converged(env.server.url, id, [ada, grace]);
    assert.equal(final, "alpha offline-1\noffline-2\nbeta\ngamma online\n");
    await shot(ada, "offline-back-ada");
  });

  test("a dropped socket reconnects by itself and keeps the edits typed meanwhile", async () => {
    const { id, ada, grace } = await pair("one\ntwo\n");
    await caretAt(ada, 3);
    // close Ada's socket from the client side: the transport reconnects with backoff, hello, pull, push
    await ada.evaluate(() => window.tandem.transport.ws.close());
    await ada.keyboard.type(" while-reconnecting", { delay: 5 });
    await caretAtLineEnd(grace, 2); // Ada's text may already be arriving: place the caret by line
    await grace.keyboard.type(" meanwhile", { delay: 5 });
    await ada.waitForFunction(() => document.querySelector('[data-testid="conn-state"]').dataset.state === "connected", null, { timeout: 20_000 });
    const final = await converged(env.server.url, id, [ada, grace]);
    assert.equal(final, "one while-reconnecting\ntwo meanwhile\n");
    await shot(ada, "reconnect-ada");
  });

  test("three editors making random edits at full speed converge", async (t) => {
    const session = await createSession(env.server.url, { language: "javascript", content: "// shared\n".repeat(5), title: "stress" });
    const pages = [];
    for (const name of ["Ada", "Grace", "Linus"]) {
      const p = await person(env.browser, name);
      contexts.push(p.context);
      await openSession(p.page, env.server.url, session.id);
      pages.push(p.page);
    }
    // each page makes 60 random inserts/deletes with short random pauses between them (workload pacing)
    await Promise.all(
      pages.map((page, i) =>
        page.evaluate(async (tag) => {
          const v = window.tandem.view;
          for (let n = 0; n < 60; n++) {
            const len = v.state.doc.length;
            const pos = Math.floor(Math.random() * (len + 1));
            if (Math.random() < 0.3 && len > 20) {
              const to = Math.min(len, pos + 1 + Math.floor(Math.random() * 4));
              v.dispatch({ changes: { from: pos, to } });
            } else {
              v.dispatch({ changes: { from: pos, insert: Math.random() < 0.1 ? "\n" : tag + n } });
            }
            await new Promise((r) => setTimeout(r, Math.random() * 15));
          }
        }, "abc"[i]),
      ),
    );
    const final = await converged(env.server.url, session.id, pages, 60_000);
    for (const page of pages) assert.equal(await text(page), final);
    const stats = await Promise.all(pages.map((p) => p.evaluate(() => window.tandem.transport.stats)));
    t.diagnostic(`transport stats: ${JSON.stringify(stats)}`);
    await shot(pages[0], "random-edits");
  });

  test("the landing page creates a session and says when the server cannot be reached", async () => {
    const { page, context } = await person(env.browser, "Ada");
    contexts.push(context);
    await page.goto(`${env.server.url}/`);
    await page.selectOption('[data-testid="language"]', "go");
    await page.fill("#title", "Landing test");
    await page.waitForFunction(() => document.querySelector('[data-testid="starter"]').value.includes("package main"));
    await shot(page, "landing");
    // unreachable server: the create request fails at the network level
    await page.route("**/api/sessions", (route) => route.abort("connectionrefused"));
    await page.click('[data-testid="create"]');
    await page.locator('[data-testid="landing-error"]', { hasText: "cannot be reached" }).waitFor({ timeout: 10_000 });
    await page.unroute("**/api/sessions");
    await page.click('[data-testid="create"]');
    await page.waitForFunction(() => window.tandem && document.querySelector('[data-testid="conn-state"]').dataset.state === "connected", null, { timeout: 20_000 });
    assert.equal(await page.inputValue('[data-testid="language-picker"]'), "go");
    assert.equal((await page.locator('[data-testid="title"]').textContent()).trim(), "Landing test");
    assert.match(await text(page), /package main/);
  });

  test("Run shows the program's output in both consoles (TANDEM_E2E_RUNS=0: the clear RUN_UNAVAILABLE message)", async () => {
    const { ada, grace } = await pair('name = input()\nprint(f"Hello, {name}!")\n');
    await ada.fill('[data-testid="stdin"]', "Tandem");
    await ada.locator(".cm-content").click();
    await ada.keyboard.press("Control+Enter");
    if (RUNS_AVAILABLE) {
      for (const page of [ada, grace]) {
        await page.locator('[data-testid="console"]', { hasText: "Hello, Tandem!" }).waitFor({ timeout: 60_000 });
        await page.locator('[data-testid="run-status"]', { hasText: "by Ada" }).waitFor({ timeout: 60_000 });
        await page.locator('[data-testid="run-status"]', { hasText: "Finished" }).waitFor({ timeout: 60_000 });
      }
      await shot(grace, "run-grace");
    } else {
      const error = ada.locator('[data-testid="console"] [data-code="RUN_UNAVAILABLE"]');
      await error.waitFor({ state: "visible", timeout: 10_000 });
      assert.match(await error.textContent(), /not available/i);
      await ada.locator('[data-testid="run-status"]', { hasText: "RUN_UNAVAILABLE" }).waitFor({ timeout: 5_000 });
      assert.equal(await ada.locator('[data-testid="run"]').isEnabled(), true);
    }
    await shot(ada, "run-ada");
  });

  test("the console renders a run's events without moving the layout (events injected in the page)", async () => {
    // A UI check of the streaming console that does not need the sandbox: the run events of the contract are
    // handed to the transport as if they came from the socket. The Run test above covers the real server.
    const { ada } = await pair("print('hi')\n");
    await ada.locator('[data-testid="participants"] li', { hasText: "Grace" }).waitFor({ timeout: 10_000 });
    const box = async () => ada.evaluate(() => {
      const r = (s) => document.querySelector(s).getBoundingClientRect();
      return JSON.stringify([r(".editor"), r(".console"), r('[data-testid="run"]')].map((b) => [b.top, b.height]));
    });
    const before = await box();
    const adaId = await ada.evaluate(() => window.tandem.clientId);
    await ada.evaluate((by) => {
      const t = window.tandem.transport;
      t.handle({ type: "run.queued", runId: "r1", version: 0, by });
      t.handle({ type: "run.started", runId: "r1" });
      for (let i = 1; i <= 300; i++) t.handle({ type: "run.output", runId: "r1", stream: i % 50 ? "stdout" : "stderr", data: `line ${i}\n`, seq: i });
      t.handle({ type: "run.output", runId: "r1", stream: "stdout", data: "line 300\n", seq: 300 }); // a duplicate
      t.handle({ type: "run.finished", runId: "r1", outcome: "ok", exitCode: 0, timeMs: 42, memoryKb: 9216, truncated: false });
    }, adaId);
    const status = (await ada.locator('[data-testid="run-status"]').textContent()).trim();
    assert.equal(status, "Finished · exit 0 · 42 ms · 9.0 MB · by Ada");
    assert.equal(await ada.locator('[data-testid="console"] .stdout').count(), 294);
    assert.equal(await ada.locator('[data-testid="console"] .stderr').count(), 6);
    assert.match(await ada.locator('[data-testid="console"]').textContent(), /Ada started a run of version 0/);
    assert.equal(await box(), before, "the editor, console and Run button did not move");
    // the console stays scrolled to the end while output streams
    assert.ok(await ada.evaluate(() => { const c = document.querySelector('[data-testid="console"]'); return c.scrollHeight - c.scrollTop - c.clientHeight < 30; }));
    await shot(ada, "console-rendering");
  });

  test("a problem session: one submits, both see the statement, the per-test rows and the final verdict", { skip: !RUNS_AVAILABLE }, async () => {
    const problem = await (await fetch(`${env.server.url}/api/problems/reverse-string`)).json();
    const total = problem.examples.length + problem.hiddenTests;
    const { ada, grace } = await pair('import sys\nprint(sys.stdin.readline().rstrip("\\n")[::-1])\n', "python", "reverse-string");
    for (const page of [ada, grace]) {
      await page.locator('[data-testid="statement"]', { hasText: "reversed" }).waitFor({ timeout: 20_000 });
    }
    await ada.click('[data-testid="submit"]');
    for (const page of [ada, grace]) {
      await page.locator('[data-testid="verdict"][data-verdict="accepted"]').waitFor({ timeout: 120_000 });
      assert.equal(await page.locator('[data-testid="test-rows"] li').count(), total);
      assert.equal(await page.locator('[data-testid="test-rows"] li[data-verdict="accepted"]').count(), total);
      assert.match(await page.locator('[data-testid="verdict"]').textContent(), new RegExp(`Accepted · ${total}/${total} passed`));
    }
    await shot(grace, "submission-grace");
    // Grace runs the examples only: Ada sees that run replace the rows (examples only) and its verdict
    const n = problem.examples.length;
    await grace.click('[data-testid="run-examples"]');
    await ada.locator('[data-testid="verdict"][data-verdict="accepted"]', { hasText: `${n}/${n} passed` }).waitFor({ timeout: 120_000 });
    assert.equal(await ada.locator('[data-testid="test-rows"] li').count(), n);
  });

  test("an unknown session says so", async () => {
    const { page, context } = await person(env.browser, "Nobody");
    contexts.push(context);
    await page.goto(`${env.server.url}/#/s/AAAAAAAAAAAAAAAAAAAAAA`);
    await page.locator('[data-testid="conn-state"][data-state="gone"]').waitFor({ timeout: 10_000 });
    await page.getByText("does not exist").first().waitFor({ timeout: 5_000 });
    await shot(page, "unknown-session");
  });
});
