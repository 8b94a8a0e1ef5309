// bench/fault-run: the fault test at scale. A fresh emulator behind the seeded fault proxy
// (tests/integration/seeded-fault-proxy.ts): N buckets, an inventory scan and Bucket Key changes by a
// client that retries with a fresh version after an error, then S3 == History == inventory checked
// for every bucket. Prints answers by status, faults injected by kind, time and the invariant.
// Usage: npx tsx --conditions=react-server bench/fault-run.ts [--buckets 300] [--changes 40] [--rate 0.25] [--seed 21]
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startMoto } from "../scripts/local-stack.mjs";
import { startSeededFaultProxy } from "../tests/integration/seeded-fault-proxy";
import { benchArgs } from "./args";

const { buckets, changes, rate, seed } = benchArgs(
  "npx tsx --conditions=react-server bench/fault-run.ts [--buckets 300] [--changes 40] [--rate 0.25] [--seed 21]",
  { buckets: 300, changes: 40, rate: 0.25, seed: 21 },
);
const moto = await startMoto({ quiet: true });
const proxy = await startSeededFaultProxy(moto.url, { seed, rate });
Object.assign(process.env, {
  AWS_ENDPOINT_URL: proxy.url,
  AWS_ACCESS_KEY_ID: "testing",
  AWS_SECRET_ACCESS_KEY: "testing",
  AWS_REGION: "us-east-1",
  CONSOLE_DATA_DIR: mkdtempSync(path.join(tmpdir(), "bkc-bench-faults-")),
});
try {
  const { runFaultScenario } = await import("../tests/integration/fault-run");
  const run = await runFaultScenario({ moto: moto.url, proxy, buckets, changes, label: "fault" });
  const injected = Object.values(run.faults.faults).reduce((a, b) => a + b, 0);
  console.log(
    `fault run: ${buckets} buckets, ${run.changes} changes, ${rate * 100}% of S3/KMS requests faulted, seed ${seed}`,
  );
  console.log(`  scan: ${run.scan.done} read, ${run.scan.errors} shown as errors`);
  console.log(`  answers to PUT by status: ${JSON.stringify(run.answers)}`);
  console.log(`  requests through the proxy: ${run.faults.requests} (${run.faults.eligible} S3/KMS)`);
  console.log(`  faults injected: ${injected} ${JSON.stringify(run.faults.faults)}`);
  console.log(`  time (scan + changes, faults on): ${run.seconds.toFixed(1)} s`);
  console.log(`  changes whose answer was lost or unverified, settled by reading S3: ${run.wentUnknown}`);
  console.log(
    `  still unknown after reconciling: ${run.unsettledAfterReconcile}; rows shown as errors: ${run.shownAsError}`,
  );
  console.log(`  invariant S3 == History == inventory: ${run.problems.length === 0 ? "holds" : "BROKEN"}`);
  for (const p of run.problems) console.log(`    ${p}`);
  process.exitCode = run.problems.length ? 1 : 0;
} finally {
  await proxy.close();
  await moto.stop();
}
