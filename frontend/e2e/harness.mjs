// Test harness: starts the packaged Tandem on a free port (or uses TANDEM_E2E_URL), launches Debian's chromium
// through playwright-core, and offers condition waits with deadlines (no sleeps as synchronisation).
import { after, before } from "node:test";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { chromium } from "playwright-core";
// The node starter and the REST helpers are the TypeScript client's (the IDE builds on that package anyway).
import { createSession, freePort, projectRoot, serverSession, startServer as startNode, waitFor } from "../../clients/typescript/test/server.mjs";

export { createSession, freePort, projectRoot, serverSession, waitFor };
export const screenshotDir = resolve(projectRoot, "target/e2e-screenshots");
/** Code runs exist (a Docker engine and the sandbox images are part of the test set-up) unless TANDEM_E2E_RUNS=0. */
export const RUNS_AVAILABLE = process.env.TANDEM_E2E_RUNS !== "0";

/**
 * Starts tandem-server/target/quarkus-app/quarkus-run.jar on free ports with a cluster name of its own
 * (log: target/e2e-server.log), or uses TANDEM_E2E_URL. `jvmArgs` (e.g. "-Dtandem.auth.enabled=true") always
 * start a server of their own, also with TANDEM_E2E_URL.
 */
export function startServer({ jvmArgs = [] } = {}) {
  return startNode({ jvmArgs, name: "e2e", log: "e2e-server.log", urlEnv: "TANDEM_E2E_URL" });
}

/**
 * The set-up of an e2e file: a node and a browser started before its first test; after its last, every context
 * it put in `contexts` (or `someone` did) is closed, then the browser, then the node. `server` and `browser` are set once `before`
 * has run (read them inside tests and hooks, not at the top of the file).
 */
export function useNodeAndBrowser() {
  const env = { server: undefined, browser: undefined, contexts: [] };
  /** The page of a new person called `name`, whose context is closed with the others. */
  env.someone = async (name) => {
    const p = await person(env.browser, name);
    env.contexts.push(p.context);
    return p.page;
  };
  before(async () => {
    [env.server, env.browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  after(async () => {
    for (const c of env.contexts) await c.close().catch(() => {});
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A browser context whose person is called `name` (the IDE reads it from localStorage). */
export async function person(browser, name) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript((n) => localStorage.setItem("tandem.name", n), name);
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error(`[${name}] page error:`, e));
  return { context, page, name };
}

export async function openSession(page, url, id) {
  await page.goto(`${url}/#/s/${id}`);
  await page.waitForFunction(() => window.tandem && document.querySelector('[data-testid="conn-state"]')?.dataset.state === "connected", null, { timeout: 20_000 });
}

export const text = (page) => page.evaluate(() => window.tandem.text());

/** Puts the caret at `pos` and focuses the editor (typing then goes through real key events). */
export async function caretAt(page, pos) {
  await page.evaluate((p) => {
    const v = window.tandem.view;
    v.focus();
    v.dispatch({ selection: { anchor: p } });
  }, pos);
}

/** Puts the caret at the end of line `line` (1-based) of the page's current document. */
export async function caretAtLineEnd(page, line) {
  await page.evaluate((n) => {
    const v = window.tandem.view;
    v.focus();
    v.dispatch({ selection: { anchor: v.state.doc.line(n).to } });
  }, line);
}

/** Waits until every page has no unsent update and shows exactly the server's document. */
export async function converged(url, id, pages, timeout = 40_000) {
  let last = "";
  await waitFor(
    async () => {
      const server = await serverSession(url, id);
      const states = await Promise.all(pages.map((p) => p.evaluate(() => ({ text: window.tandem.text(), pending: window.tandem.pending(), version: window.tandem.version() }))));
      last = JSON.stringify({ server: { version: server.version, content: server.content }, states });
      return states.every((s) => s.pending === 0 && s.version === server.version && s.text === server.content);
    },
    { timeout, what: "editors identical to the server", interval: 100 },
  ).catch((e) => {
    throw new Error(`${e.message}\n${last}`);
  });
  return (await serverSession(url, id)).content;
}

export async function shot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: resolve(screenshotDir, `${name}.png`) });
}

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** What axe-core finds serious or critical on the page as it is now, one "rule (impact): first targets" each. */
export async function seriousViolations(page) {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
  });
}
