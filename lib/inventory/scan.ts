import "server-only";
import type { BucketPosture, ScanProgress } from "@/lib/contracts/inventory";
import { AppError } from "@/lib/contracts/errors";
import { accountCacheKey, currentAccount } from "@/lib/aws/account-context";
import { callerIdentity } from "@/lib/aws/identity";
import { mapLimit } from "@/lib/runtime/concurrency";
import { serverEnv } from "@/lib/runtime/env";
import { knownBucketRegion } from "../aws/bucket-region";
import { rememberAccount, saveScan, storedAccount } from "./accounts";
import { recordListed, removeBucket, removeUnseen, writePostures } from "./store";
import { listBucketPages } from "./list-buckets";
import { postureContext, readBucketPosture } from "./posture";
import { processWide } from "@/lib/runtime/process-wide";
import { answeringRequests, loopShare } from "@/lib/runtime/loop-share";

// The background full scan of one account: list every bucket (they show as "not scanned yet"),
// then read each and write its row as soon as it is read, so a crash or a cancel keeps what was
// read. Only a complete scan removes the buckets that ListBuckets no longer names. One scan per
// account at a time: starting another returns the running one. Jobs are one per process, so
// Rescan from a page, the schedule and the start-up scan (each its own bundle) find the running one.

const scanBatchSize = 25;

type Job = { progress: ScanProgress; cancelled: boolean; run: Promise<void> };
const jobs = processWide("InventoryScans", () => new Map<string, Job>());

const never: ScanProgress = {
  state: "never",
  done: 0,
  total: 0,
  startedAt: null,
  finishedAt: null,
  errors: 0,
  message: null,
  errorCode: null,
  trigger: null,
  nextScheduledAt: null,
};

export function nextScheduledAt(startedAt: string | null): string | null {
  const minutes = serverEnv().inventoryRescanMinutes;
  if (!minutes) return null;
  return new Date((startedAt ? Date.parse(startedAt) : Date.now()) + minutes * 60_000).toISOString();
}

/** The account's scan (key: accountCacheKey()): the running one, else the latest stored one. */
export function scanProgress(key = accountCacheKey()): ScanProgress {
  const job = jobs.get(key);
  if (job) return { ...job.progress };
  const stored = storedAccount(key)?.lastScan;
  if (!stored) return never;
  // A scan stored as running with no job in this process was cut short by a stop or a crash.
  if (stored.state === "running")
    return {
      ...stored,
      state: "failed",
      message: `Interrupted when the console stopped, after ${stored.done} of ${stored.total} buckets; what was read is kept.`,
    };
  return stored;
}

/** Starts a full scan of the current account, or returns the one running. */
export function startScan(trigger: NonNullable<ScanProgress["trigger"]>): ScanProgress {
  const key = accountCacheKey();
  const running = jobs.get(key);
  if (running) return { ...running.progress };
  const startedAt = new Date().toISOString();
  const job: Job = {
    progress: { ...never, state: "running", startedAt, trigger, nextScheduledAt: nextScheduledAt(startedAt) },
    cancelled: false,
    run: Promise.resolve(),
  };
  jobs.set(key, job);
  job.run = runScan(key, job)
    .catch((err) => {
      job.progress.state = "failed";
      job.progress.errorCode = err instanceof AppError ? err.code : "internal";
      job.progress.message =
        err instanceof AppError ? err.message : `The scan failed: ${err instanceof Error ? err.message : String(err)}`;
    })
    .finally(() => {
      job.progress.finishedAt = new Date().toISOString();
      persist(key, job);
      jobs.delete(key);
    });
  return { ...job.progress };
}

/** Stops the current account's running scan after the buckets being read; what was read stays. */
export function cancelScan(): ScanProgress {
  const job = jobs.get(accountCacheKey());
  if (job) job.cancelled = true;
  return scanProgress();
}

/** For tests and benchmarks: resolves when the current account's scan (if any) has ended. */
export async function scanFinished(key = accountCacheKey()): Promise<ScanProgress> {
  await jobs.get(key)?.run;
  return scanProgress(key);
}

function persist(key: string, job: Job): void {
  try {
    saveScan(key, job.progress);
  } catch (err) {
    console.error("[inventory] could not save the scan's progress:", err);
  }
}

async function runScan(key: string, job: Job): Promise<void> {
  const self = currentAccount();
  const info = self
    ? { name: self.name, source: self.source, roleArn: self.roleArn }
    : { name: "this console's account", source: "console" as const, roleArn: null };
  // A role account's id and name are its configuration: remembered before STS is asked, so an
  // account whose role cannot be assumed is still listed by its name, with the reason.
  if (self?.roleArn) rememberAccount(key, self.id, info);
  const { account } = await callerIdentity();
  rememberAccount(key, account, info);
  persist(key, job);
  const scanId = Date.parse(job.progress.startedAt!);
  const listed = [];
  for await (const page of listBucketPages()) {
    recordListed(account, scanId, page);
    listed.push(...page);
    job.progress.total = listed.length;
    if (job.cancelled) break;
  }
  persist(key, job);
  let lastSaved = Date.now();
  // Read postures are written in batches, one transaction each (a transaction per bucket caps a
  // scan at a few hundred buckets a second on a busy disk); a crash loses at most one batch. Small
  // batches, a quarter of a second apart at most: a write holds the event loop, and pages are
  // served while the scan runs (at 25 rows a batch holds it ~10 ms; the scan reads far slower
  // than the store writes, so larger batches would buy nothing).
  let batch: BucketPosture[] = [];
  let lastFlushed = Date.now();
  const flush = () => {
    writePostures(batch);
    batch = [];
    lastFlushed = Date.now();
  };
  const replicating: BucketPosture[] = [];
  // Pages are served from this thread while the scan reads: each of its reads waits while the loop is busy or a
  // request is being answered.
  const ctx = { ...postureContext(account), pace: loopShare({ limit: 0.5, yieldTo: answeringRequests }) };
  const readAll = mapLimit(listed, serverEnv().scanConcurrency, async (b) => {
    if (job.cancelled) return;
    const posture = await readBucketPosture(b, ctx);
    // Deleted between the listing and the read.
    if (posture.error?.code === "not_found" && !posture.encryption && !posture.versioning)
      removeBucket(account, b.name);
    else batch.push(posture);
    if (posture.error) job.progress.errors++;
    if (posture.replication?.rules.some((r) => r.destinationRegion === null)) replicating.push(posture);
    job.progress.done++;
    if (batch.length >= scanBatchSize || Date.now() - lastFlushed > 250) flush();
    if (Date.now() - lastSaved > 2_000) {
      lastSaved = Date.now();
      persist(key, job);
    }
  });
  await readAll.finally(flush);
  // Replication destinations may have been read after their source: their regions are known now.
  for (const p of replicating)
    for (const rule of p.replication!.rules) rule.destinationRegion ??= knownBucketRegion(rule.destinationBucket);
  writePostures(replicating);
  if (job.cancelled) {
    job.progress.state = "cancelled";
    job.progress.message = `Cancelled after ${job.progress.done} of ${job.progress.total} buckets; what was read is kept.`;
    return;
  }
  removeUnseen(account, scanId, job.progress.startedAt!);
  job.progress.state = "done";
}
