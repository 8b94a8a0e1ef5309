import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { motoUrl, uniqueName } from "./helpers";
import { startSeededFaultProxy } from "./seeded-fault-proxy";

// Every change recorded whatever AWS answers: 25% of S3 and KMS requests fail (503 SlowDown, 500
// InternalError, KMS ThrottlingException / KMSInternalException, resets before the request and
// after the emulator answered), an inventory scan and 40 Bucket Key changes by a retrying client
// run through it, and afterwards S3, History and the inventory agree for every bucket. Six buckets' first
// PUT also loses its answer on every attempt (three with the read-back failing too), since at this N the
// SDK's four attempts would otherwise absorb nearly every random fault.

const moto = motoUrl();
const proxy = await startSeededFaultProxy(moto, { seed: 21, rate: 0.25 });
after(() => proxy.close());
Object.assign(process.env, {
  AWS_ENDPOINT_URL: proxy.url,
  CONSOLE_AWS_TIMEOUT_MS: "3000",
  CONSOLE_DATA_DIR: mkdtempSync(path.join(tmpdir(), "bkc-write-faults-")),
});
const { runFaultScenario } = await import("./fault-run");

test("25% faults: a scan and 40 changes, then S3 == History == inventory for every bucket", async () => {
  const run = await runFaultScenario({
    moto,
    proxy,
    buckets: 24,
    changes: 40,
    label: uniqueName("wf"),
    lostAnswers: 6,
  });
  console.log(JSON.stringify(run));
  assert.equal(run.changes, 40);
  const injected = Object.values(run.faults.faults).reduce((a, b) => a + b, 0);
  assert.ok(injected > 50, `faults were injected (${injected})`);
  assert.ok(run.faults.faults["reset-after-answer"] > 0, "some answers were lost after the emulator acted");
  assert.ok(run.wentUnknown >= 6, `answers were lost and settled by reading S3 (${run.wentUnknown})`);
  assert.ok((run.answers["503 unverified"] ?? 0) >= 3, "the client was told plainly when a change was not verified");
  assert.deepEqual(run.problems, []);
  assert.equal(run.unsettledAfterReconcile, 0);
});
