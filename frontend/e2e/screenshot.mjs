// Writes docs/ide-two-people.png: a two-person session (Grace's window, with Ada's cursor and selection) after
// a Run. Usage (after `mvn package`): npm run screenshot
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
} finally {
  await browser.close();
  await server.stop();
}
