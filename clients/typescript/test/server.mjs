// Starts the packaged Tandem (tandem-server/target/quarkus-app/quarkus-run.jar) on free ports with a cluster
// name of its own, or uses a running one named by an environment variable. The one node starter of the Node
// tests: this package's tests use it directly, and the IDE's e2e harness (frontend/e2e/harness.mjs) builds on it.
// Plain Node, no dependencies. Waits are bounded polls of a condition (no sleeps as synchronisation).
import { after, before } from "node:test";
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { existsSync, mkdirSync, openSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

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
 * What the Java cluster tests give their nodes too (TandemNodes): C1 only, since a test node serves light load
 * for seconds, where C2's compilations cost more CPU than they save; and the class archive those tests made,
 * when it is there (the IT phase runs them first), so that the JVM maps its classes instead of loading them.
 * The JVM checks the archive against what it would load and ignores one that does not match.
 */
function testJvmOptions() {
  const archive = resolve(projectRoot, "tandem-server/target/cluster-it/app-classes.jsa");
  return ["-XX:TieredStopAtLevel=1", ...(existsSync(archive) ? [`-XX:SharedArchiveFile=${archive}`] : [])];
}

/**
 * Starts a node and waits until it is ready (120 s deadline). `name` tells the callers apart: the cluster is
 * `tandem-<name>-<port>` (a test node never joins another Tandem) and the log `target/<log>`. `urlEnv` names the
 * variable that points at a running node instead; `jvmArgs` (e.g. "-Dtandem.auth.enabled=true") always start a
 * node of their own, with a data directory of its own (H2 locks its files) and a log per port.
 */
export async function startServer({ jvmArgs = [], name = "tsclient", log = "ts-client-server.log", urlEnv = "TANDEM_CLIENT_TEST_URL" } = {}) {
  if (process.env[urlEnv] && !jvmArgs.length) return { url: process.env[urlEnv].replace(/\/$/, ""), stop: async () => {} };
  const jar = resolve(projectRoot, "tandem-server/target/quarkus-app/quarkus-run.jar");
  if (!existsSync(jar)) throw new Error(`${jar} is missing: run "mvn package -DskipTests" first`);
  const port = await freePort();
  const clusterPort = await freePort();
  mkdirSync(resolve(projectRoot, "target"), { recursive: true });
  const logFile = resolve(projectRoot, jvmArgs.length ? `target/${name}-server-${port}.log` : `target/${log}`);
  const out = openSync(logFile, "w");
  const proc = spawn(
    "java",
    [
      ...testJvmOptions(),
      `-Dquarkus.http.port=${port}`,
      `-Dtandem.cluster.name=tandem-${name}-${port}`,
      `-Dtandem.cluster.port=${clusterPort}`,
      ...(jvmArgs.length ? [`-Dtandem.data-dir=target/${name}-data-${port}`] : []),
      ...jvmArgs,
      "-jar",
      jar,
    ],
    { cwd: projectRoot, stdio: ["ignore", out, out] },
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

/**
 * One node for the calling test file: started before its first test, stopped after its last. Returns a holder
 * whose `url` is the node's once `before` has run.
 */
export function useServer(options) {
  const node = { url: undefined, server: undefined };
  before(async () => {
    node.server = await startServer(options);
    node.url = node.server.url;
  });
  after(async () => {
    await node.server?.stop();
  });
  return node;
}

export async function createSession(url, body) {
  const res = await fetch(`${url}/api/sessions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`create session: ${res.status} ${await res.text()}`);
  return res.json();
}

export async function serverSession(url, id) {
  const res = await fetch(`${url}/api/sessions/${id}`);
  if (!res.ok) throw new Error(`get session: ${res.status}`);
  return res.json();
}
