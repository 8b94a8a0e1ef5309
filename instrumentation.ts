// Runs once when the server starts, before it serves a request:
// - an invalid configuration stops the server with its message and exit code 78 (EX_CONFIG, as the
//   bind-address refusal of scripts/start.mjs), instead of answering every request with a 500;
// - re-encryption jobs that were running when the previous process stopped (crash, deploy,
//   Ctrl-C) continue where they left off;
// - new CloudTrail files are read into the usage store in the background (incremental, so a
//   restart costs a listing), unless CONSOLE_INGEST_ON_START=0;
// - the inventory's scan schedule starts: a first full scan of each account never scanned (or whose
//   scan the stop cut short), then every CONSOLE_INVENTORY_RESCAN_MINUTES.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { serverEnv } = await import("@/lib/runtime/env");
  try {
    serverEnv();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(78);
  }
  const { resumeRunningJobs } = await import("@/lib/objects/reencrypt/runner");
  try {
    const resumed = resumeRunningJobs();
    if (resumed.length) console.log(`[jobs] resumed re-encryption job(s) ${resumed.join(", ")}`);
  } catch (err) {
    console.error("[jobs] could not resume re-encryption jobs:", err);
  }
  const { startInventorySchedule } = await import("@/lib/inventory/schedule");
  startInventorySchedule();
  if (!serverEnv().ingestOnStart) return;
  const { startIngest } = await import("@/lib/usage/ingest");
  startIngest();
}
