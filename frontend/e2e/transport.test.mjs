// The IDE without WebSockets (docs/protocol.md, "Editing without WebSockets"): with every WebSocket refused in
// the browser (Playwright's WebSocket routing closes each one before the server sees it, as a breaking proxy
// does), the IDE falls back to SSE + POST by itself, and ?transport=poll forces long polling; two people on
// those transports still edit together and see a run. Run: node --test e2e/transport.test.mjs
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { caretAt, converged, createSession, person, RUNS_AVAILABLE, shot, text, useNodeAndBrowser } from "./harness.mjs";

const env = useNodeAndBrowser();
const { contexts } = env;

/** A person whose browser cannot open any WebSocket to the server. */
async function withoutWebSockets(name) {
  const p = await person(env.browser, name);
  contexts.push(p.context);
  p.refused = 0;
  await p.context.routeWebSocket(/\/ws\//, (ws) => {
    p.refused++;
    ws.close({ code: 1006, reason: "blocked by the test's proxy" });
  });
  return p;
}

async function open(page, url, id, query = "") {
  await page.goto(`${url}/${query}#/s/${id}`);
  await page.waitForFunction(() => window.tandem && document.querySelector('[data-testid="conn-state"]')?.dataset.state === "connected", null, { timeout: 40_000 });
}

const transportOf = (page) => page.locator('[data-testid="conn-state"]').getAttribute("data-transport");

describe("Tandem IDE without WebSockets", () => {
  test("the IDE falls back to SSE, long polling can be forced, and the two edit together and see a run", async () => {
    const session = await createSession(env.server.url, { language: "python", content: 'print("one")\n', title: "no ws" });
    const ada = await withoutWebSockets("Ada");
    const grace = await withoutWebSockets("Grace");
    await Promise.all([open(ada.page, env.server.url, session.id), open(grace.page, env.server.url, session.id, "?transport=poll")]);

    assert.equal(await transportOf(ada.page), "SSE", "Ada fell back to SSE by herself");
    assert.ok(ada.refused >= 2, `Ada's WebSockets were refused (${ada.refused}) before the fallback`);
    assert.match(await ada.page.locator('[data-testid="conn-state"]').textContent(), /connected · SSE/);
    assert.equal(await transportOf(grace.page), "long polling", "?transport=poll forces long polling");
    assert.equal(grace.refused, 0, "a forced transport does not try WebSockets");

    // Both type at the same time, at both ends of the document.
    await caretAt(ada.page, 0);
    await caretAt(grace.page, 'print("one")\n'.length);
    await Promise.all([
      ada.page.keyboard.type("# ada over SSE\n", { delay: 15 }),
      grace.page.keyboard.type('print("grace over polling")\n', { delay: 15 }),
    ]);
    const doc = await converged(env.server.url, session.id, [ada.page, grace.page]);
    assert.equal(doc, '# ada over SSE\nprint("one")\nprint("grace over polling")\n');
    assert.equal(await text(grace.page), doc);
    await shot(ada.page, "transport-sse-ada");
    await shot(grace.page, "transport-poll-grace");

    // A run started by Grace (over POST) reaches both consoles.
    await grace.page.locator(".cm-content").click();
    await grace.page.keyboard.press("Control+Enter");
    if (RUNS_AVAILABLE) {
      for (const page of [ada.page, grace.page]) {
        await page.locator('[data-testid="console"]', { hasText: "grace over polling" }).waitFor({ timeout: 60_000 });
        await page.locator('[data-testid="run-status"]', { hasText: "Finished" }).waitFor({ timeout: 60_000 });
      }
    } else {
      await grace.page.locator('[data-testid="console"] [data-code="RUN_UNAVAILABLE"]').waitFor({ state: "visible", timeout: 10_000 });
    }
    await shot(ada.page, "transport-run-ada");
  });
});
