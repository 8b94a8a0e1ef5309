// Child of bench/reencrypt.mjs: runs one re-encryption job with the console's own runner
// against the endpoint in AWS_ENDPOINT_URL and prints its timing as JSON.
const [bucket, concurrency, rate] = process.argv.slice(2);
const { startJob, settled } = await import("@/lib/objects/reencrypt-runner");
const { getJob } = await import("@/lib/objects/job-store");
const t0 = performance.now();
const job = await startJob(bucket!, {
  dryRun: false,
  prefix: "",
  onlyWithoutBucketKey: true,
  concurrency: Number(concurrency),
  ratePerSecond: Number(rate),
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
