// Test harness: starts the packaged Tandem on a free port (or uses TANDEM_E2E_URL), launches Debian's chromium
// through playwright-core, and offers condition waits with deadlines (no sleeps as synchronisation).
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { existsSync, mkdirSync, openSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
export const projectRoot = resolve(here, "../..");
export const screenshotDir = resolve(projectRoot, "target/e2e-screenshots");

export function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", fail);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

/** Polls `check` until it returns a truthy value or the deadline passes. */
export async function waitFor(check, { timeout = 20_000, interval = 50, what = "condition" } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await check();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what} (last: ${last})`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/**
 * Starts tandem-server/target/quarkus-app/quarkus-run.jar on free ports with a cluster name of its own.
 * `jvmArgs` (e.g. "-Dtandem.auth.enabled=true") always start a server of their own, also with TANDEM_E2E_URL.
 */
export async function startServer({ jvmArgs = [] } = {}) {
  if (process.env.TANDEM_E2E_URL && !jvmArgs.length) return { url: process.env.TANDEM_E2E_URL.replace(/\/$/, ""), stop: async () => {} };
  const jar = resolve(projectRoot, "tandem-server/target/quarkus-app/quarkus-run.jar");
  if (!existsSync(jar)) throw new Error(`${jar} is missing: run "mvn package -DskipTests" first`);
  const port = await freePort();
  const clusterPort = await freePort();
  mkdirSync(resolve(projectRoot, "target"), { recursive: true });
  const logFile = resolve(projectRoot, jvmArgs.length ? `target/e2e-server-${port}.log` : "target/e2e-server.log");
  const log = openSync(logFile, "w");
  const proc = spawn(
    "java",
    [
      `-Dquarkus.http.port=${port}`,
      `-Dtandem.cluster.name=tandem-e2e-${port}`,
      `-Dtandem.cluster.port=${clusterPort}`,
      // a second server beside the shared one needs a data directory of its own (H2 locks its files)
      ...(jvmArgs.length ? [`-Dtandem.data-dir=target/e2e-data-${port}`] : []),
      ...jvmArgs,
      "-jar",
      jar,
    ],
    { cwd: projectRoot, stdio: ["ignore", log, log] },
  );
  let exited = null;
  proc.on("exit", (code) => (exited = code ?? -1));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(
      async () => {
        if (exited !== null) throw new Error(`server exited with ${exited}:\n${readFileSync(logFile, "utf8").slice(-3000)}`);
        const res = await fetch(`${url}/q/health/ready`).catch(() => null);
        return res?.ok;
      },
      { timeout: 120_000, interval: 250, what: `Tandem ready on ${url}` },
    );
  } catch (e) {
    proc.kill("SIGKILL");
    throw e;
  }
  return {
    url,
    stop: async () => {
      if (exited !== null) return;
      const done = new Promise((r) => proc.once("exit", r));
      proc.kill("SIGTERM");
      const timer = setTimeout(() => proc.kill("SIGKILL"), 15_000);
      await done;
      clearTimeout(timer);
    },
  };
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

export async function createSession(url, body) {
  const res = await fetch(`${url}/api/sessions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`create session: ${res.status} ${await res.text()}`);
  return res.json();
}

export async function serverSession(url, id) {
  const res = await fetch(`${url}/api/sessions/${id}`);
  if (!res.ok) throw new Error(`get session: ${res.status}`);
  return res.json();
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
