// Child of bench/reencrypt.ts: runs one re-encryption job with the console's own runner
// against the endpoint in AWS_ENDPOINT_URL and prints its timing as JSON.
import { benchArgs } from "./args";

const { bucket, concurrency, rate } = benchArgs(
  "node --conditions=react-server --import tsx bench/reencrypt-job.ts --bucket <name> [--concurrency 32] [--rate 5000]",
  { bucket: "", concurrency: 32, rate: 5000 },
);
if (!bucket) throw new Error("--bucket is required");
const { startJob, settled } = await import("@/lib/objects/reencrypt/runner");
const { getJob } = await import("@/lib/objects/reencrypt/job-store");
const t0 = performance.now();
const job = await startJob(bucket, {
  dryRun: false,
  prefix: "",
  onlyWithoutBucketKey: true,
  concurrency,
  ratePerSecond: rate,
});
await settled(job.id);
const done = getJob(job.id)!;
console.log(
  JSON.stringify({
    ms: performance.now() - t0,
    done: done.done,
    skipped: done.skipped,
    failed: done.failed,
    method: done.method,
  }),
);
