// Languages as data in the IDE (docs/runs.md): the landing page lists what GET /api/languages serves, with a starter
// for each language; a Rust session made there runs its starter and shows the output. Then every starter of the
// languages added as data is run on the real server, with and without stdin. Run: node --test e2e/languages.test.mjs
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { person, shot, useNodeAndBrowser } from "./harness.mjs";

const NEW_LANGUAGES = ["rust", "ruby", "php", "kotlin", "typescript", "bash"];

const env = useNodeAndBrowser();
const { contexts } = env;

async function landing() {
  const { page, context } = await person(env.browser, "Ada");
  contexts.push(context);
  await page.goto(`${env.server.url}/`);
  // the list comes from the server: wait for a language that only the server's descriptors name
  await page.locator('[data-testid="language"] option[value="rust"]').waitFor({ state: "attached", timeout: 20_000 });
  return page;
}

async function starterOf(page, id) {
  await page.selectOption('[data-testid="language"]', id);
  return page.locator('[data-testid="starter"]').inputValue();
}

async function json(res, status) {
  const body = await res.text();
  assert.equal(res.status, status, body);
  return JSON.parse(body);
}

async function runOnServer(language, content, stdin) {
  const post = (path, body) =>
    fetch(`${env.server.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const session = await json(await post("/api/sessions", { language, content, title: `starter ${language}` }), 201);
  const { runId } = await json(await post(`/api/sessions/${session.id}/runs`, { stdin }), 202);
  // long poll: the server answers as soon as the run finishes, or after waitMs (capped at 30 s by the server);
  // at most 4 polls, because Kotlin compiles for a while and the runs of this test wait in the same queue
  let record;
  for (let i = 0; i < 4; i++) {
    record = await json(await fetch(`${env.server.url}/api/runs/${runId}?waitMs=30000`), 200);
    if (record.status === "finished") break;
  }
  return record;
}

describe("languages as data", () => {
  test("the landing page lists the server's languages with their versions", async () => {
    const page = await landing();
    const res = await fetch(`${env.server.url}/api/languages`);
    const served = await json(res, 200);
    const options = await page.$$eval('[data-testid="language"] option', (os) => os.map((o) => ({ id: o.value, label: o.textContent })));
    assert.deepEqual(options.map((o) => o.id), served.map((l) => l.id));
    for (const l of served) {
      const option = options.find((o) => o.id === l.id);
      assert.ok(option.label.includes(l.name) && option.label.includes(l.version), `${option.label} names ${l.name} ${l.version}`);
    }
    for (const id of NEW_LANGUAGES) assert.ok(served.some((l) => l.id === id && l.available), `${id} is served and available`);
  });

  test("a Rust session from the landing page runs its starter and shows the output", async () => {
    const page = await landing();
    const starter = await starterOf(page, "rust");
    assert.match(starter, /fn main\(\)/);
    await page.fill("#title", "Rust starter");
    await shot(page, "languages-landing-rust");
    await page.click('[data-testid="create"]');
    await page.waitForFunction(() => window.tandem && document.querySelector('[data-testid="conn-state"]')?.dataset.state === "connected", null, { timeout: 20_000 });
    // the session's language picker names it as GET /api/languages does (a language added as data)
    await page.waitForFunction(() => {
      const picker = document.querySelector('[data-testid="language-picker"]');
      return picker?.value === "rust" && picker.selectedOptions[0]?.textContent.trim() === "Rust";
    }, null, { timeout: 20_000 });
    assert.equal(await page.evaluate(() => window.tandem.text()), starter);

    await page.locator('[data-testid="run"]').click();
    await page.locator('[data-testid="console"]', { hasText: "Hello, world!" }).waitFor({ timeout: 90_000 });
    await page.locator('[data-testid="run-status"]', { hasText: "Finished" }).waitFor({ timeout: 90_000 });

    await page.fill('[data-testid="stdin"]', "Ferris");
    await page.locator('[data-testid="run"]').click();
    await page.locator('[data-testid="console"]', { hasText: "Hello, Ferris!" }).waitFor({ timeout: 90_000 });
    await shot(page, "languages-rust-run");
  });

  test("every new language's starter runs cleanly on empty stdin and greets its input", async () => {
    const page = await landing();
    const starters = {};
    for (const id of NEW_LANGUAGES) starters[id] = await starterOf(page, id);
    await Promise.all(
      NEW_LANGUAGES.map(async (id) => {
        assert.ok(starters[id].length > 0, `${id} has a starter`);
        for (const [stdin, greeting] of [["", "Hello, world!\n"], ["Ada\n", "Hello, Ada!\n"]]) {
          const record = await runOnServer(id, starters[id], stdin);
          assert.equal(record.status, "finished", `${id}: ${JSON.stringify(record)}`);
          assert.equal(record.outcome, "ok", `${id}: ${JSON.stringify(record)}`);
          assert.equal(record.stdout, greeting, `${id} with stdin ${JSON.stringify(stdin)}`);
          assert.equal(record.stderr, "", `${id}: nothing on stderr`);
        }
      }),
    );
  });
});
