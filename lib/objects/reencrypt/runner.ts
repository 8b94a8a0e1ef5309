import "server-only";
import { GetBucketVersioningCommand } from "@aws-sdk/client-s3";
import type { ReencryptJob, ReencryptRequest } from "@/lib/contracts/objects";
import { AppError } from "@/lib/contracts/errors";
import { s3Client } from "@/lib/aws/clients";
import { isCustomerObject, listObjects } from "@/lib/objects/head";
import { inAccount, inConsoleAccount } from "@/lib/aws/account-context";
import { currentAccountId, findAccount } from "@/lib/accounts/accounts";
import {
  createJob,
  getJob,
  jobState,
  markObject,
  pendingObjects,
  requeueFailed,
  runningJobIds,
  setJobMethod,
  setJobState,
} from "@/lib/objects/reencrypt/job-store";
import { reencryptObject, type Method } from "@/lib/objects/reencrypt/object";
import { reencryptionTarget } from "@/lib/objects/reencrypt/target";
import { probeUpdateObjectEncryption } from "@/lib/objects/reencrypt/update-encryption-probe";
import { processWide } from "@/lib/runtime/process-wide";
import { inParallel } from "@/lib/runtime/concurrency";
import { serverEnv } from "@/lib/runtime/env";

// Runs re-encryption jobs inside the server process: a bounded pool of workers, paced to a
// rate limit, that takes pending objects from SQLite. Pause and cancel are job states the
// workers read between objects; a restart resumes every job still marked running.

/**
 * Jobs whose workers run, by job id: instrumentation.ts resumes them, one route starts them and another pauses or
 * resumes them (each its own bundle), and a job must never get a second set of workers.
 */
const active = processWide("ReencryptionWorkers", () => new Map<number, Promise<void>>());

export async function dryRun(bucket: string, options: ReencryptRequest) {
  const { region } = await reencryptionTarget(bucket);
  const objects = (await listObjects(s3Client(region), bucket, options.prefix)).filter(isCustomerObject);
  return { dryRun: true as const, objects: objects.length, bytes: objects.reduce((a, o) => a + o.size, 0) };
}

export async function startJob(bucket: string, options: ReencryptRequest): Promise<ReencryptJob> {
  const { region, keyArn } = await reencryptionTarget(bucket);
  const client = s3Client(region);
  const [listed, versioning] = await Promise.all([
    listObjects(client, bucket, options.prefix),
    client.send(new GetBucketVersioningCommand({ Bucket: bucket })),
  ]);
  const objects = listed.filter(isCustomerObject);
  const id = createJob(
    await currentAccountId(),
    bucket,
    region,
    keyArn,
    versioning.Status === "Enabled",
    options,
    objects,
  );
  run(id);
  return getJob(id)!;
}

const readOnlyPause =
  "Paused: the console runs in read-only mode (CONSOLE_READ_ONLY=1), which makes no AWS writes. " +
  "Restart it without read-only mode to resume this job.";

function run(id: number): void {
  if (active.has(id)) return;
  // Whatever asks (start-up, a route), read-only mode starts no copies; pause and cancel stay open to operators.
  if (serverEnv().readOnly) return setJobState(id, "paused", readOnlyPause);
  const p = inJobAccount(id, () => runJob(id)).finally(() => active.delete(id));
  active.set(id, p);
}

/** A job always works in its bucket's account, whoever resumes it (a request in another account, the start-up hook). */
async function inJobAccount(id: number, work: () => Promise<void>): Promise<void> {
  const account = getJob(id)?.account;
  return account ? inAccount(await findAccount(account), work) : inConsoleAccount(work);
}

/** Waits for a job's workers to stop (done, paused or cancelled); for tests and shutdown. */
export async function settled(id: number): Promise<void> {
  await active.get(id);
}

async function runJob(id: number): Promise<void> {
  const job = getJob(id)!;
  const client = s3Client(job.region);
  const gapMs = 1000 / job.options.ratePerSecond;
  let nextStart = Date.now();
  if (!job.method) {
    const probe = await probeUpdateObjectEncryption(client, job.bucket, job.keyArn);
    setJobMethod(
      id,
      probe.supported ? "update-object-encryption" : "copy-object",
      probe.supported ? probe.reason : `${probe.reason}; copying each object onto itself (CopyObject) instead.`,
    );
  }
  let method: Method = getJob(id)!.method ?? "copy-object";
  const claimed = new Set<string>();

  const worker = async () => {
    for (;;) {
      if (jobState(id) !== "running") return;
      const next = pendingObjects(id, job.options.concurrency * 2).find((o) => !claimed.has(o.key));
      if (!next) return;
      claimed.add(next.key);
      const wait = nextStart - Date.now();
      nextStart = Math.max(nextStart, Date.now()) + gapMs;
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      let outcome = await reencryptObject(
        client,
        job.bucket,
        next,
        job.keyArn,
        method,
        job.options.onlyWithoutBucketKey,
      );
      if (outcome.status === "method-unavailable") {
        // Refused although the probe passed (e.g. a policy denies it for some objects): copy.
        setJobMethod(id, "copy-object", `${outcome.reason}; copying each object onto itself (CopyObject) instead.`);
        method = "copy-object";
        outcome = await reencryptObject(client, job.bucket, next, job.keyArn, method, job.options.onlyWithoutBucketKey);
      }
      if (outcome.status === "method-unavailable") outcome = { status: "failed", reason: outcome.reason };
      if (outcome.status === "done" && outcome.how === "already")
        outcome = { status: "skipped", reason: "Already under the default key with a Bucket Key." };
      markObject(id, next.key, outcome.status, outcome.status === "done" ? null : outcome.reason);
    }
  };
  await inParallel(job.options.concurrency, worker);
  if (jobState(id) === "running" && pendingObjects(id, 1).length === 0) setJobState(id, "done");
}

export function controlJob(id: number, action: "pause" | "resume" | "cancel" | "retry-failed"): ReencryptJob {
  const job = getJob(id);
  if (!job) throw new AppError("not_found", `No re-encryption job #${id}.`);
  if (job.state === "done" && action !== "retry-failed") throw new AppError("conflict", `Job #${id} is finished.`);
  if (job.state === "cancelled") throw new AppError("conflict", `Job #${id} was cancelled.`);
  if (action === "pause") setJobState(id, "paused");
  if (action === "cancel") setJobState(id, "cancelled");
  if (action === "resume") {
    setJobState(id, "running");
    run(id);
  }
  if (action === "retry-failed") {
    if (requeueFailed(id) === 0) throw new AppError("conflict", `Job #${id} has no failed objects to retry.`);
    setJobState(id, "running");
    run(id);
  }
  return getJob(id)!;
}

/**
 * Called once at server start: picks up every job that was running when the process died; in read-only mode it
 * pauses them instead, saying why.
 */
export function resumeRunningJobs(): { resumed: number[]; paused: number[] } {
  const ids = runningJobIds();
  for (const id of ids) run(id);
  return serverEnv().readOnly ? { resumed: [], paused: ids } : { resumed: ids, paused: [] };
}
