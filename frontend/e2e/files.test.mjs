// Several files in the IDE (v1.1 "Several files", issue 16), on Debian's Chromium against a real Tandem: one
// browser creates a file from the file tree, the other sees it appear and types into it, and a run of main.py
// uses it (Python imports the sibling module); each person's cursor shows in the file they are in, Follow jumps
// to it; a rename and a delete are seen by the other browser; a bad name gets a clear toast; a view-link user
// sees the files read-only; axe-core finds nothing serious. Run: node --test e2e/files.test.mjs
// (after `npm run build` and `mvn package -DskipTests -Dskip.frontend`; the run needs Docker and the python image).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { caretAt, createSession, launchBrowser, openSession, person, RUNS_AVAILABLE, seriousViolations, serverSession, shot, startServer, waitFor } from "./harness.mjs";

let server;
let browser;
const contexts = [];

before(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

async function someone(name) {
  const p = await person(browser, name);
  contexts.push(p.context);
  p.page.on("dialog", (d) => d.accept()); // "Delete util.py for everyone?"
  return p.page;
}

const fileList = (page) => page.$$eval('[data-testid="file-list"] li', (lis) => lis.map((li) => li.dataset.path));
const tabList = (page) => page.$$eval('[data-testid="tabs"] button.tab', (ts) => ts.map((t) => t.dataset.path));
const fileText = (page, path) => page.evaluate((p) => window.tandem.files().find((f) => f.path === p)?.text ?? null, path);
const activeFile = (page) => page.evaluate(() => window.tandem.activeFile());

/** Waits until every page holds the server's text of every file, with nothing unsent. */
async function filesConverged(id, pages) {
  let last = "";
  await waitFor(
    async () => {
      const s = await serverSession(server.url, id);
      const want = JSON.stringify(s.files.map((f) => [f.path, f.version, f.content]));
      const seen = await Promise.all(pages.map((p) => p.evaluate(() => window.tandem.files().map((f) => [f.path, f.version, f.text, f.pending]))));
      last = JSON.stringify({ server: want, seen });
      return seen.every((files) => JSON.stringify(files.map(([p, v, t]) => [p, v, t])) === want && files.every((f) => f[3] === 0));
    },
    { timeout: 40_000, interval: 100, what: "every file identical to the server's" },
  ).catch((e) => {
    throw new Error(`${e.message}\n${last}`);
  });
}

/**
 * Ada and Grace in a session whose main.py imports util; Ada creates util.py from the file tree (by keyboard),
 * Grace sees it appear, opens it and types the module; both hold the server's files.
 */
async function twoPeopleMakeAModule(title) {
  const session = await createSession(server.url, { language: "python", title, content: "import util\n\nprint(util.greet('Ada'))\n" });
  const ada = await someone("Ada");
  const grace = await someone("Grace");
  await openSession(ada, server.url, session.id);
  await openSession(grace, server.url, session.id);
  assert.deepEqual(await fileList(ada), ["main.py"]);

  await ada.getByRole("button", { name: "+ New file" }).click();
  await ada.getByRole("textbox", { name: "New file name" }).fill("util.py");
  await ada.keyboard.press("Enter");
  await waitFor(async () => (await tabList(ada)).join() === "main.py,util.py", { what: "util.py opened in a tab at Ada's" });
  assert.equal(await activeFile(ada), "util.py");

  await grace.locator('[data-testid="file-list"] li[data-path="util.py"]').waitFor({ timeout: 10_000 });
  await grace.locator('[data-testid="toast"]', { hasText: "Ada added util.py" }).waitFor({ timeout: 10_000 });
  await grace.locator('[data-testid="file-list"] li[data-path="util.py"] button.file-open').click();
  assert.equal(await activeFile(grace), "util.py");
  await grace.keyboard.type("def greet(name):", { delay: 5 });
  // the rest as one text input (Enter would auto-indent: typed lines would carry the editor's indentation too)
  await grace.keyboard.insertText("\n    return 'hello ' + name + ' from util'\n");
  await filesConverged(session.id, [ada, grace]);
  assert.equal(await fileText(ada, "util.py"), "def greet(name):\n    return 'hello ' + name + ' from util'\n");
  assert.equal(await fileText(ada, "main.py"), "import util\n\nprint(util.greet('Ada'))\n", "the main file is untouched");
  return { session, ada, grace };
}

describe("several files in the IDE", () => {
  test("a file made in one browser appears in the other and is typed into there; cursors per file, Follow, a bad name, a rename, a delete while the other types offline, a language switch", async () => {
    const { session, ada, grace } = await twoPeopleMakeAModule("two files");
    const util = await fileText(ada, "util.py");
    assert.equal(await ada.locator('[data-testid="file-list"] li[data-main="true"] .main-file').textContent(), "main");
    assert.equal(await ada.locator('[data-testid="file-list"] li[data-main="true"] [data-testid="delete-file"]').count(), 0, "the main file cannot be deleted");

    // Grace's cursor shows in util.py at Ada's, and the People list says where she is
    const graceId = await grace.evaluate(() => window.tandem.clientId);
    await ada.locator(`.cm-remote-cursor[data-client-id="${graceId}"]`).waitFor({ state: "visible", timeout: 10_000 });
    await ada.locator(`[data-testid="participants"] li[data-client-id="${graceId}"] [data-testid="where"]`, { hasText: "util.py" }).waitFor({ timeout: 10_000 });
    // Ada goes back to main.py; following Grace brings her to util.py
    await ada.locator('[data-testid="tabs"] button.tab[data-path="main.py"]').click();
    assert.equal(await activeFile(ada), "main.py");
    assert.equal(await ada.locator(`.cm-remote-cursor[data-client-id="${graceId}"]:visible`).count(), 0, "Grace's cursor is not drawn in main.py");
    await ada.getByRole("button", { name: "Follow Grace" }).click();
    await waitFor(async () => (await activeFile(ada)) === "util.py", { what: "Ada followed Grace into util.py" });
    assert.equal(await ada.getByRole("button", { name: "Follow Grace" }).getAttribute("aria-pressed"), "true");
    await ada.getByRole("button", { name: "Follow Grace" }).click(); // stop following
    await shot(ada, "files-two-files-ada");

    // a bad name is refused with a toast that says what a name may be; nothing changes
    await ada.getByRole("button", { name: "+ New file" }).click();
    await ada.getByRole("textbox", { name: "New file name" }).fill("../secret.py");
    await ada.keyboard.press("Enter");
    const toast = ada.locator('[data-testid="toast"][data-code="BAD_PATH"]');
    await toast.waitFor({ timeout: 10_000 });
    assert.equal(await toast.getAttribute("role"), "alert");
    assert.match(await toast.textContent(), /not a valid file name/);
    assert.deepEqual(await fileList(ada), ["main.py", "util.py"]);
    await ada.keyboard.press("Escape");

    // Ada renames util.py in place: Grace's tree and tab follow, the text stays
    await ada.getByRole("button", { name: "Rename util.py" }).click();
    const input = ada.getByRole("textbox", { name: "New name for util.py" });
    await input.fill("helpers.py");
    await input.press("Enter");
    await grace.locator('[data-testid="file-list"] li[data-path="helpers.py"]').waitFor({ timeout: 10_000 });
    await waitFor(async () => (await tabList(grace)).join() === "main.py,helpers.py", { what: "Grace's tab renamed" });
    assert.deepEqual(await fileList(grace), ["main.py", "helpers.py"]);
    assert.equal(await fileText(grace, "helpers.py"), util);
    await grace.locator('[data-testid="toast"]', { hasText: "Ada renamed util.py to helpers.py" }).waitFor({ timeout: 10_000 });
    // Grace keeps typing into the renamed file: it reaches Ada under the new name
    await grace.keyboard.insertText("# renamed\n");
    await filesConverged(session.id, [ada, grace]);
    assert.match(await fileText(ada, "helpers.py"), /# renamed\n$/);

    // Grace, offline, types into helpers.py while Ada deletes it: it leaves Ada's tree and tabs at once, and
    // when Grace is back her tree and tabs follow and she is told that her edit there could not be saved
    await grace.context().setOffline(true);
    await grace.waitForFunction(() => document.querySelector('[data-testid="conn-state"]')?.dataset.state !== "connected", null, { timeout: 10_000 });
    await grace.keyboard.insertText("# typed offline\n");
    assert.equal(await grace.evaluate(() => window.tandem.files().find((f) => f.path === "helpers.py").pending), 1);
    await ada.getByRole("button", { name: "Delete helpers.py" }).click();
    await waitFor(async () => (await fileList(ada)).join() === "main.py", { what: "helpers.py gone at Ada's" });
    await waitFor(async () => (await tabList(ada)).join() === "main.py", { what: "its tab gone at Ada's" });
    assert.equal(await activeFile(ada), "main.py");
    assert.deepEqual((await serverSession(server.url, session.id)).files.map((f) => f.path), ["main.py"]);
    await grace.context().setOffline(false);
    const lost = grace.locator('[data-testid="toast"][data-kind="error"]', { hasText: "helpers.py was deleted while you were away" });
    await lost.waitFor({ timeout: 30_000 });
    assert.match(await lost.textContent(), /Your last edit to it could not be saved/);
    await waitFor(async () => (await fileList(grace)).join() === "main.py" && (await tabList(grace)).join() === "main.py", { what: "helpers.py gone at Grace's" });
    assert.equal(await activeFile(grace), "main.py");
    await grace.waitForFunction(() => document.querySelector('[data-testid="conn-state"]')?.dataset.state === "connected", null, { timeout: 20_000 });

    // the main file is named by the language: a switch to JavaScript renames it in both trees and tabs
    await grace.selectOption('[data-testid="language-picker"]', "javascript");
    for (const page of [ada, grace]) {
      await page.locator('[data-testid="file-list"] li[data-main="true"][data-path="main.js"]').waitFor({ timeout: 10_000 });
      await waitFor(async () => (await tabList(page)).join() === "main.js", { what: "the main tab renamed" });
    }
    await caretAt(ada, 0);
    await ada.keyboard.insertText("// now JavaScript\n");
    await filesConverged(session.id, [ada, grace]);
    assert.match((await serverSession(server.url, session.id)).files[0].content, /^\/\/ now JavaScript\nimport util/);
  });

  test("the run takes the file made in the IDE: main.py imports the module the other browser typed", { skip: !RUNS_AVAILABLE && "TANDEM_E2E_RUNS=0: no code runs here" }, async (t) => {
    const { ada, grace } = await twoPeopleMakeAModule("a run of two files");
    await ada.locator('[data-testid="tabs"] button.tab[data-path="main.py"]').click();
    await ada.locator('[data-testid="run"]').click();
    await ada.locator('[data-testid="console"] .console-meta[data-outcome]').waitFor({ timeout: 120_000 });
    const consoleText = await ada.locator('[data-testid="console"]').textContent();
    if (!(await ada.locator('[data-testid="run-files"]').count())) {
      // run.queued names the files that went in once runs take every file (the multi-file runs of #16, run/):
      // until then the server runs main.py alone and the import fails. Reported as a todo, not as a pass.
      t.todo(`this server's runs do not take every file yet (run.queued has no files); the console said: ${consoleText}`);
      return;
    }
    assert.match(await ada.locator('[data-testid="run-files"]').textContent(), /^Files: main\.py \(v\d+\), util\.py \(v\d+\)$/);
    assert.equal(await ada.locator('[data-testid="console"] .console-meta[data-outcome]').getAttribute("data-outcome"), "ok", consoleText);
    assert.equal((await ada.locator('[data-testid="console"] .stdout').allTextContents()).join(""), "hello Ada from util\n");
    await grace.locator('[data-testid="console"] .stdout', { hasText: "hello Ada from util" }).waitFor({ timeout: 30_000 });
    await shot(ada, "files-run");
  });

  test("a view-link user sees every file read-only, and the page passes axe-core with the file tree and tabs", async () => {
    const session = await createSession(server.url, {
      language: "python",
      title: "viewer",
      files: [{ path: "main.py", content: "import lib.tools\n" }, { path: "lib/tools.py", content: "X = 1\n" }],
    });
    const viewer = await someone("Vic");
    await viewer.goto(`${server.url}/#/s/${session.viewLink}?view`);
    await viewer.waitForFunction(() => window.tandem && document.querySelector('[data-testid="conn-state"]')?.dataset.state === "connected", null, { timeout: 20_000 });
    assert.deepEqual(await fileList(viewer), ["main.py", "lib/tools.py"]);
    assert.equal(await viewer.getByRole("button", { name: "+ New file" }).isDisabled(), true);
    assert.equal(await viewer.locator('[data-testid="rename-file"], [data-testid="delete-file"]').count(), 0);
    await viewer.locator('[data-testid="file-list"] li[data-path="lib/tools.py"] button.file-open').click();
    assert.equal(await activeFile(viewer), "lib/tools.py");
    await viewer.keyboard.type("zzz");
    assert.equal(await fileText(viewer, "lib/tools.py"), "X = 1\n", "typing into a viewer's file changes nothing");

    // an editor's change to the second file reaches the viewer
    const ed = await someone("Eve");
    await openSession(ed, server.url, session.id);
    await ed.locator('[data-testid="file-list"] li[data-path="lib/tools.py"] button.file-open').click();
    await ed.keyboard.type("Y = 2\n");
    await filesConverged(session.id, [ed, viewer]);
    assert.equal(await fileText(viewer, "lib/tools.py"), "Y = 2\nX = 1\n");

    assert.deepEqual(await seriousViolations(ed), []);
    await shot(viewer, "files-viewer");
  });
});
