// End-to-end test of v1.1 "Interactive runs" in the IDE, against a real Tandem with real Docker sandboxes: Ada
// starts an interactive run, Grace types a line into the console, both consoles show it (in Grace's colour)
// with the program's answer; then Stop ends the endless loop that follows, for both. Run: npm run e2e
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createSession, openSession, person, RUNS_AVAILABLE, shot, useNodeAndBrowser } from "./harness.mjs";

const env = useNodeAndBrowser();
const { contexts } = env;

describe("Interactive runs in the IDE", () => {
  test("one starts an interactive run, the other types a line, both consoles show it with the answer; Stop ends the loop", { skip: !RUNS_AVAILABLE && "TANDEM_E2E_RUNS=0" }, async () => {
    const program = 'name = input("name? ")\nprint(f"hello {name}!")\nwhile True:\n    pass\n';
    const session = await createSession(env.server.url, { language: "python", content: program, title: "interactive" });
    const ada = await person(env.browser, "Ada");
    const grace = await person(env.browser, "Grace");
    contexts.push(ada.context, grace.context);
    await Promise.all([openSession(ada.page, env.server.url, session.id), openSession(grace.page, env.server.url, session.id)]);

    await ada.page.check('[data-testid="interactive"]');
    await ada.page.click('[data-testid="run"]');
    // the prompt reaches both consoles, and Grace gets the input line although Ada started the run
    for (const { page } of [ada, grace]) {
      await page.locator('[data-testid="console"]', { hasText: "name? " }).waitFor({ timeout: 90_000 });
      await page.locator('[data-testid="console-input"]').waitFor({ state: "visible", timeout: 10_000 });
      await page.locator('[data-testid="stop"]').waitFor({ state: "visible", timeout: 10_000 });
    }

    await grace.page.fill('[data-testid="console-input"]', "Tandem");
    await grace.page.press('[data-testid="console-input"]', "Enter");
    for (const { page } of [ada, grace]) {
      const typed = page.locator('[data-testid="console"] .stdin[data-by="Grace"]');
      await typed.waitFor({ timeout: 30_000 });
      assert.equal(await typed.textContent(), "Tandem\n");
      assert.match(await typed.getAttribute("style"), /color:/, "the line is marked with its author's colour");
      await page.locator('[data-testid="console"]', { hasText: "hello Tandem!" }).waitFor({ timeout: 30_000 });
      const console = await page.locator('[data-testid="console"]').textContent();
      assert.ok(console.indexOf("Tandem\n") < console.indexOf("hello Tandem!"), `input before its answer: ${console}`);
    }
    await shot(ada.page, "interactive-ada");

    // the program now loops for ever: Stop ends it for everyone
    await ada.page.click('[data-testid="stop"]');
    for (const { page } of [ada, grace]) {
      await page.locator('[data-testid="run-status"]', { hasText: "Cancelled" }).waitFor({ timeout: 30_000 });
      await page.locator('[data-testid="console-input-line"]').waitFor({ state: "hidden", timeout: 10_000 });
      await page.locator('[data-testid="stop"]').waitFor({ state: "hidden", timeout: 10_000 });
      assert.equal(await page.locator('[data-testid="run"]').isEnabled(), true);
    }
    await shot(grace.page, "interactive-stopped");
  });
});
