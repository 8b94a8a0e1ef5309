// Runs once when the server starts, before it serves a request:
// - an invalid configuration stops the server with its message and exit code 78 (EX_CONFIG, as the
//   bind-address refusal of scripts/start.mjs), instead of answering every request with a 500;
// - every request is stamped with its connection's address (lib/http/peer-address.ts);
// - changes a crash left pending (sent to S3, outcome not recorded) or unknown are settled by reading
//   their buckets, in the background; those S3 cannot answer for yet are checked again until it can;
//   key creations, inventory setups and guardrail rules left so are settled by finding the key or reading them back;
// - re-encryption jobs that were running when the previous process stopped (crash, deploy,
//   Ctrl-C) continue where they left off (in read-only mode they are paused instead, saying why);
// - new CloudTrail files are read into the usage store in the background (incremental, so a
//   restart costs a listing), unless CONSOLE_INGEST_ON_START=0; so is the KMS bill, when a Data
//   Export is named (Settings or CONSOLE_BILL_SOURCE);
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
  // Before any request: sign-in throttling counts per TCP address, which only the server's socket knows.
  const { stampPeerAddresses } = await import("@/lib/http/peer-address");
  stampPeerAddresses((await import("node:http")).Server);
  const { resumeRunningJobs } = await import("@/lib/objects/reencrypt/runner");
  try {
    const { resumed, paused } = resumeRunningJobs();
    if (resumed.length) console.log(`[jobs] resumed re-encryption job(s) ${resumed.join(", ")}`);
    if (paused.length) console.log(`[jobs] read-only mode: paused re-encryption job(s) ${paused.join(", ")}`);
  } catch (err) {
    console.error("[jobs] could not resume re-encryption jobs:", err);
  }
  const { reconcileAtStartup } = await import("@/lib/encryption/reconcile");
  reconcileAtStartup();
  const [{ inEachAccount }, { settleKeyWrites }, { settleInventoryWrites }, { settleGuardrailWrites }] =
    await Promise.all([
      import("@/lib/accounts/each-account"),
      import("@/lib/kms/create-key"),
      import("@/lib/objects/inventory-reports/setup"),
      import("@/lib/inventory/config/guardrail-rule"),
    ]);
  // Key creations, inventory setups and guardrail rules left pending or unknown: found by the key's tag, or read back.
  const unsettled = ["pending", "unknown"] as const;
  void inEachAccount(async () => {
    await settleKeyWrites(unsettled);
    await settleInventoryWrites(unsettled);
    await settleGuardrailWrites(unsettled);
  }).catch((err: unknown) => console.error("[writes] could not settle unfinished writes:", err));
  const { startInventorySchedule } = await import("@/lib/inventory/schedule");
  startInventorySchedule();
  if (!serverEnv().ingestOnStart) return;
  const { startIngest } = await import("@/lib/usage/ingest");
  startIngest();
  const { readBillSource, startBillIngest } = await import("@/lib/usage/bill/ingest");
  if (readBillSource()) startBillIngest();
}
