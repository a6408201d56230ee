// The playback view (#/s/<id>/playback, docs/timeline.md) against a real Tandem with real runs: two people edit
// and run in the IDE, then a viewer replays the finished session. Run: node --test e2e/playback.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  caretAt,
  converged,
  createSession,
  openSession,
  person,
  shot,
  useNodeAndBrowser,
  waitFor,
} from "./harness.mjs";

const env = useNodeAndBrowser();
const { contexts } = env;

async function timeline(link) {
  const events = [];
  let from = 0;
  for (let page = 0; page < 100; page++) {
    const body = await (await fetch(`${env.server.url}/api/sessions/${link}/timeline?from=${from}&limit=1000`)).json();
    events.push(...body.events);
    if (body.next === null || body.next === from) return { events, done: body.next === null };
    from = body.next;
  }
  throw new Error("too many pages");
}

async function runAndWait(page, output) {
  await page.click('[data-testid="run"]');
  await waitFor(async () => (await page.textContent('[data-testid="console"]')).includes(output) && (await page.isEnabled('[data-testid="run"]')), {
    timeout: 120_000,
    what: `the run printing ${output}`,
  });
}

test("playback between two runs shows that version's text and only the first run's output", async () => {
  const session = await createSession(env.server.url, { language: "python", content: "print('first run')\n", title: "playback e2e" });
  const ada = await person(env.browser, "Ada");
  const grace = await person(env.browser, "Grace");
  contexts.push(ada.context, grace.context);
  await Promise.all([openSession(ada.page, env.server.url, session.id), openSession(grace.page, env.server.url, session.id)]);

  await runAndWait(ada.page, "first run");
  // Between the runs both edit: Grace adds a comment at the top, Ada changes what the program prints.
  await caretAt(grace.page, 0);
  await grace.page.keyboard.insertText("# grace was here\n");
  await converged(env.server.url, session.id, [ada.page, grace.page]);
  await ada.page.evaluate(() => {
    const v = window.tandem.view;
    const doc = v.state.doc.toString();
    const at = doc.indexOf("first run");
    v.focus();
    v.dispatch({ selection: { anchor: at, head: at + "first".length } });
  });
  await ada.page.keyboard.insertText("second");
  const between = await converged(env.server.url, session.id, [ada.page, grace.page]);
  assert.equal(between, "# grace was here\nprint('second run')\n");
  await runAndWait(ada.page, "second run");
  // the session is over: everyone leaves
  await ada.context.close();
  await grace.context.close();

  // The server's history, once settled (the last seconds are served a moment later).
  let history;
  await waitFor(async () => {
    history = await timeline(session.viewLink);
    return history.done && history.events.filter((e) => e.kind === "run.finished").length === 2;
  }, { timeout: 30_000, interval: 500, what: "the whole timeline" });
  const events = history.events;
  const firstFinished = events.findIndex((e) => e.kind === "run.finished");
  const secondQueued = events.findIndex((e, i) => i > firstFinished && e.kind === "run.queued");
  assert.ok(secondQueued > 0);
  const lastUpdateBefore = events.slice(0, secondQueued).filter((e) => e.kind === "update").pop();
  const expected = await (await fetch(`${env.server.url}/api/sessions/${session.viewLink}/text?version=${lastUpdateBefore.version}`)).json();
  assert.equal(expected.content, between);

  // A viewer opens the playback from the view link.
  const viewer = await person(env.browser, "Viewer");
  contexts.push(viewer.context);
  await viewer.page.goto(`${env.server.url}/#/s/${session.viewLink}/playback`);
  await viewer.page.waitForFunction(() => window.tandemPlayback && window.tandemPlayback.count() > 0, null, { timeout: 20_000 });
  assert.equal(await viewer.page.locator('[data-testid="playback-marker"][data-kind="run"]').count(), 2);
  const authors = await viewer.page.textContent('[data-testid="playback-authors"]');
  assert.ok(authors.includes("Ada") && authors.includes("Grace"), authors);

  // Move the slider to just before the second run: the text of that version, the first run's output only.
  await viewer.page.locator('[data-testid="playback-slider"]').fill(String(secondQueued));
  await waitFor(async () => (await viewer.page.evaluate(() => window.tandemPlayback.position())) === secondQueued, { what: "the slider position" });
  assert.equal(await viewer.page.evaluate(() => window.tandemPlayback.text()), expected.content);
  assert.ok((await viewer.page.textContent('[data-testid="playback-editor"] .cm-content')).includes("print('second run')"));
  const consoleText = await viewer.page.textContent('[data-testid="playback-console"]');
  assert.ok(consoleText.includes("first run"), consoleText);
  assert.ok(!consoleText.includes("second run"), consoleText);
  assert.equal(await viewer.page.getAttribute('[data-testid="playback-where"]', "data-version"), String(lastUpdateBefore.version));
  await shot(viewer.page, "playback-between-runs");

  // Back to the start: the initial text and an empty console; play at 16× reaches the end with both outputs.
  await viewer.page.locator('[data-testid="playback-slider"]').fill("0");
  assert.equal(await viewer.page.evaluate(() => window.tandemPlayback.text()), "print('first run')\n");
  assert.equal((await viewer.page.textContent('[data-testid="playback-console"]')).trim(), "");
  await viewer.page.selectOption('[data-testid="playback-speed"]', "16");
  await viewer.page.click('[data-testid="playback-play"]');
  await waitFor(async () => (await viewer.page.evaluate(() => window.tandemPlayback.position() === window.tandemPlayback.count())), {
    timeout: 60_000,
    interval: 200,
    what: "playback reaching the end",
  });
  const atEnd = await viewer.page.textContent('[data-testid="playback-console"]');
  assert.ok(atEnd.includes("first run") && atEnd.includes("second run"), atEnd);
  assert.equal(await viewer.page.evaluate(() => window.tandemPlayback.text()), between);
});
