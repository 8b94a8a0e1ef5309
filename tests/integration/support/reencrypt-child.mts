// Runs a slow re-encryption job in its own process so a test can SIGKILL it mid-way.
const { startJob } = await import("@/lib/objects/reencrypt/runner");
const job = await startJob(process.argv[2]!, {
  dryRun: false,
  prefix: "",
  onlyWithoutBucketKey: true,
  concurrency: 2,
  ratePerSecond: 8,
});
console.log(`job ${job.id}`);
