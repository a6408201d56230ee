// Writes docs/ide-two-people.png: a two-person session (Grace's window, with Ada's cursor and selection) after
// a Run; docs/ide-share-menu.png (the creator's Share menu), docs/ide-view-only.png (a read-only viewer) and
// docs/ide-light-theme.png (the light theme). Usage (after `mvn package`): npm run screenshot
import { resolve } from "node:path";
import { caretAtLineEnd, createSession, launchBrowser, openSession, person, projectRoot, startServer } from "./harness.mjs";

const code = `def fizzbuzz(n):
    for i in range(1, n + 1):
        if i % 15 == 0:
            print("FizzBuzz")
        elif i % 3 == 0:
            print("Fizz")
        elif i % 5 == 0:
            print("Buzz")
        else:
            print(i)


fizzbuzz(int(input()))
`;

const server = await startServer();
const browser = await launchBrowser();
try {
  const session = await createSession(server.url, { language: "python", content: code, title: "FizzBuzz interview" });
  const ada = await person(browser, "Ada");
  const grace = await person(browser, "Grace");
  await openSession(ada.page, server.url, session.id);
  await openSession(grace.page, server.url, session.id);
  // Ada selects the function name, Grace edits the last line
  await ada.page.evaluate(() => {
    const v = window.tandem.view;
    const from = v.state.doc.toString().indexOf("fizzbuzz");
    v.focus();
    v.dispatch({ selection: { anchor: from + 4, head: from + 8 } });
  });
  await caretAtLineEnd(grace.page, 9);
  await grace.page.keyboard.type("  # numbers", { delay: 20 });
  await grace.page.locator(".cm-remote-cursor-label", { hasText: "Ada" }).waitFor({ timeout: 10_000 });
  await ada.page.locator(".cm-remote-cursor-label", { hasText: "Grace" }).waitFor({ timeout: 10_000 });
  await grace.page.fill('[data-testid="stdin"]', "15");
  await grace.page.click('[data-testid="run"]');
  // today the server answers RUN_UNAVAILABLE; once runs exist this waits for the finished run instead
  await grace.page.waitForFunction(
    () => document.querySelector('[data-testid="run-error"]') || document.querySelector(".console-meta[data-outcome]"),
    null,
    { timeout: 60_000 },
  );
  await grace.page.evaluate(() => document.activeElement?.blur());
  const out = resolve(projectRoot, "docs/ide-two-people.png");
  await grace.page.screenshot({ path: out });
  console.log(`wrote ${out}`);

  // the creator (who made the session from the landing page, so this browser keeps its owner token) shares it
  const olga = await person(browser, "Olga");
  await olga.context.addInitScript(() => localStorage.setItem("tandem.theme", "dark"));
  await olga.page.goto(`${server.url}/`);
  await olga.page.fill("#title", "Pairing interview");
  await olga.page.click('[data-testid="create"]');
  await olga.page.waitForFunction(() => document.querySelector('[data-testid="conn-state"]')?.dataset.state === "connected", null, { timeout: 20_000 });
  await olga.page.click('[data-testid="share"]');
  const viewUrl = await olga.page.inputValue('[data-testid="view-link"]');
  const share = resolve(projectRoot, "docs/ide-share-menu.png");
  await olga.page.screenshot({ path: share });
  console.log(`wrote ${share}`);

  const vic = await person(browser, "Vic");
  await vic.context.addInitScript(() => localStorage.setItem("tandem.theme", "dark"));
  await vic.page.goto(viewUrl);
  await vic.page.locator('[data-testid="view-only"]').waitFor({ timeout: 20_000 });
  await vic.page.waitForFunction(() => window.tandem, null, { timeout: 20_000 });
  await olga.page.keyboard.press("Escape");
  await caretAtLineEnd(olga.page, 4);
  await olga.page.keyboard.type("  # Vic watches this", { delay: 20 });
  await vic.page.waitForFunction(() => window.tandem.text().includes("# Vic watches this"), null, { timeout: 10_000 });
  const viewer = resolve(projectRoot, "docs/ide-view-only.png");
  await vic.page.screenshot({ path: viewer });
  console.log(`wrote ${viewer}`);

  const light = await person(browser, "Lin");
  await light.context.addInitScript(() => localStorage.setItem("tandem.theme", "light"));
  await openSession(light.page, server.url, session.id);
  await light.page.evaluate(() => document.activeElement?.blur());
  const lightOut = resolve(projectRoot, "docs/ide-light-theme.png");
  await light.page.screenshot({ path: lightOut });
  console.log(`wrote ${lightOut}`);
} finally {
  await browser.close();
  await server.stop();
}
