// execute(), submitRun() and submitBatch() against a real Tandem (the packaged app, started by the test) with
// the real Docker sandbox: what a grader or bot using @tandem/client relies on. Run: npm test.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ExecuteError, execute, submitBatch, submitRun } from "../dist/index.js";
import { useServer } from "./server.mjs";

// Code runs need the Docker engine and the sandbox images (as for client.test.mjs).
const RUNS_AVAILABLE = process.env.TANDEM_E2E_RUNS !== "0";
const skip = !RUNS_AVAILABLE && "TANDEM_E2E_RUNS=0";

const server = useServer();

async function finished(runId) {
  const res = await fetch(`${server.url}/api/runs/${runId}?waitMs=30000`);
  assert.equal(res.status, 200);
  const record = await res.json();
  assert.equal(record.status, "finished", JSON.stringify(record));
  return record;
}

test("execute() answers the finished record of a run without a session", { skip }, async () => {
  const record = await execute(server.url, { language: "python", source: "print(input().upper())", stdin: "tandem\n" });
  assert.equal(record.status, "finished");
  assert.equal(record.outcome, "ok");
  assert.equal(record.stdout, "TANDEM\n");
  assert.equal(record.sessionId, null);
  assert.equal(record.version, null);
  assert.equal(record.limits.timeMs, 2000);
});

test("submitRun() and submitBatch() queue runs that finish in order, each with its token", { skip }, async () => {
  const one = await submitRun(server.url, { language: "javascript", files: [{ path: "index.js", content: "console.log(6 * 7)" }] });
  assert.equal(one.status, "queued");
  assert.ok(one.runToken.length >= 22);
  assert.equal((await finished(one.runId)).stdout, "42\n");

  const runs = await submitBatch(server.url, [
    { language: "python", source: "print('a')" },
    { language: "python", source: "print('b')" },
  ]);
  assert.equal(runs.length, 2);
  assert.deepEqual(await Promise.all(runs.map(async (r) => (await finished(r.runId)).stdout)), ["a\n", "b\n"]);
});

test("a refused run is an ExecuteError with the server's status and code", async () => {
  await assert.rejects(execute(server.url, { language: "cobol", source: "x" }), (e) => {
    assert.ok(e instanceof ExecuteError);
    assert.equal(e.status, 400);
    assert.equal(e.code, "BAD_REQUEST");
    return true;
  });
  await assert.rejects(submitRun(server.url, { language: "python", source: "1", callbackUrl: "http://10.0.0.1/hook" }),
    (e) => e instanceof ExecuteError && e.status === 400 && e.code === "CALLBACK_NOT_ALLOWED");
  const tooMany = Array.from({ length: 21 }, () => ({ language: "python", source: "print(1)" }));
  await assert.rejects(submitBatch(server.url, tooMany), (e) => e instanceof ExecuteError && e.status === 400);
});
