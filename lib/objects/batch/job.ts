import "server-only";
import { randomUUID } from "node:crypto";
import {
  CreateJobCommand,
  DescribeJobCommand,
  ListJobsCommand,
  type CreateJobCommandInput,
  type JobListDescriptor,
  type S3ControlClient,
} from "@aws-sdk/client-s3-control";
import type { BatchJobRequest, BatchJobStatus, PreparedBatchJob } from "@/lib/contracts/batch-jobs";
import { AppError } from "@/lib/contracts/errors";
import { s3ControlClient } from "@/lib/aws/clients";
import { awsCallError } from "@/lib/aws/send";
import { callerIdentity } from "@/lib/aws/identity";
import { actingUserName } from "@/lib/aws/account-context";
import { beginWrite, settleWrite, unsettledWrites } from "@/lib/changes/write-log";
import { outcomeOfError, thrownWrite } from "@/lib/changes/write-outcome";
import { migrate, openDb } from "@/lib/runtime/db";
import { buildCreateJobRequest } from "@/lib/objects/batch/request";
import { batchJobChecks, rolePolicy, trustPolicy } from "@/lib/objects/batch/checks";
import { jobManifest, objectLockState, replicationRules, roleTrust } from "@/lib/objects/batch/facts";
import { getObjectScan } from "@/lib/objects/audit";
import { reencryptionTarget } from "@/lib/objects/reencrypt/target";
import { inAccount } from "@/lib/aws/account-context";
import { currentAccountId, findAccount } from "@/lib/accounts/accounts";

// S3 Batch Operations jobs: prepared for review (CreateJob request, role policies, checks),
// submitted exactly as reviewed, then followed with DescribeJob / ListJobs. Nothing is listed on
// this machine: the manifest is S3's (inventory report or manifest generator).

const migrations = [
  `CREATE TABLE batch_jobs (id INTEGER PRIMARY KEY AUTOINCREMENT, bucket TEXT NOT NULL, region TEXT NOT NULL, objects INTEGER NOT NULL,
     manifest_key TEXT NOT NULL, request_json TEXT NOT NULL, submitted_job_id TEXT, created_at TEXT NOT NULL)`,
  // Jobs prepared from a manifest listed on this machine are not kept: that path is gone.
  `DROP TABLE batch_jobs;
   CREATE TABLE batch_jobs (id INTEGER PRIMARY KEY AUTOINCREMENT, job_json TEXT NOT NULL, submitted_job_id TEXT,
     status_json TEXT, bucket TEXT NOT NULL, created_at TEXT NOT NULL)`,
];

function db() {
  const d = openDb();
  migrate(d, "batch-jobs", migrations);
  return d;
}

type Row = { id: number; job_json: string; submitted_job_id: string | null; status_json: string | null };
type StoredJob = Omit<PreparedBatchJob, "id" | "submittedJobId" | "status" | "statusError">;

function toPrepared(r: Row, statusError: string | null = null): PreparedBatchJob {
  return {
    ...(JSON.parse(r.job_json) as StoredJob),
    id: r.id,
    submittedJobId: r.submitted_job_id,
    status: r.status_json ? (JSON.parse(r.status_json) as BatchJobStatus) : null,
    statusError,
  };
}

export async function prepareBatchJob(bucket: string, request: BatchJobRequest): Promise<PreparedBatchJob> {
  // route() entered the bucket's account: the job, its checks and its role are all of that account.
  const [{ region, keyArn }, { account }] = await Promise.all([reencryptionTarget(bucket), callerIdentity()]);
  const roleInJobAccount = request.roleArn.split(":")[4] === account;
  const [{ source, reportDate }, trust, objectLock, replication] = await Promise.all([
    jobManifest(region, bucket, request),
    roleInJobAccount ? roleTrust(request.roleArn) : { document: null, error: "the role is in another account." },
    objectLockState(region, bucket),
    replicationRules(region, bucket),
  ]);
  const manifestArn = source.kind === "inventory" ? source.manifestArn : null;
  const createJob = buildCreateJobRequest({
    account,
    bucket,
    keyArn,
    roleArn: request.roleArn,
    operation: request.operation,
    manifest: source,
    token: randomUUID(),
  });
  const job: StoredJob = {
    account,
    bucket,
    region,
    manifest: request.manifest,
    operation: request.operation,
    reportDate,
    createdAt: new Date().toISOString(),
    request: createJob,
    trustPolicy: trustPolicy(),
    rolePolicy: rolePolicy({ bucket, keyArn, request, manifestArn }),
    checks: batchJobChecks({
      bucket,
      account,
      keyArn,
      request,
      manifestArn,
      roleTrust: trust,
      objectLock,
      replicationRules: replication,
      audit: getObjectScan(bucket),
    }),
  };
  const { lastInsertRowid } = db()
    .prepare("INSERT INTO batch_jobs (job_json, bucket, created_at) VALUES (?, ?, ?)")
    .run(JSON.stringify(job), bucket, job.createdAt);
  return getPreparedBatchJob(Number(lastInsertRowid));
}

function getPreparedBatchJob(id: number): PreparedBatchJob {
  const row = db().prepare("SELECT * FROM batch_jobs WHERE id = ?").get(id) as Row | undefined;
  if (!row) throw new AppError("not_found", `No prepared Batch Operations job #${id}.`);
  return toPrepared(row);
}

/** Work on a prepared job in the job's own account, whichever account the request named. */
async function inJobAccount<T>(account: string, work: () => Promise<T>): Promise<T> {
  return account === (await currentAccountId()) ? work() : inAccount(await findAccount(account), work);
}

/**
 * Submits exactly the request that was reviewed, in the job's account; a second submit reports the first one's
 * job. Recorded first (lib/changes/write-log.ts). The request carries the ClientRequestToken made when the job was prepared, so every
 * send of it — the SDK's retries, a check after a lost answer, the user pressing Submit again — finds the job
 * the first one created instead of creating a second.
 */
export async function submitBatchJob(id: number, client?: S3ControlClient): Promise<PreparedBatchJob> {
  const prepared = getPreparedBatchJob(id);
  return inJobAccount(prepared.account, () => submitPrepared(id, prepared, client));
}

async function submitPrepared(id: number, prepared: PreparedBatchJob, client?: S3ControlClient) {
  if (prepared.submittedJobId) return prepared;
  if (prepared.checks.some((c) => c.status === "fail"))
    throw new AppError(
      "check_failed",
      `Job #${id} failed a check (${prepared.checks.find((c) => c.status === "fail")!.title}): fix it and prepare the job again.`,
    );
  const s3control = client ?? s3ControlClient(prepared.region);
  const write = beginWrite(
    {
      account: prepared.account,
      kind: "batch-submit",
      target: `job #${id} for ${prepared.bucket}`,
      user: actingUserName(),
      request: { id },
    },
    `CreateJob sent to S3 Control with ClientRequestToken ${prepared.request.ClientRequestToken}.`,
  );
  try {
    await createJob(id, prepared, s3control, write.id, "S3 created job");
  } catch (err) {
    const e = awsCallError(err, "CreateJob", `Batch Operations job for ${prepared.bucket}`);
    const outcome = outcomeOfError("CreateJob", thrownWrite(err));
    settleWrite(write.id, outcome);
    if (outcome.status === "failed") throw e;
    // Asking again with the same token finds the job if the first request made one, and makes it if not.
    try {
      await createJob(id, prepared, s3control, write.id, "Asked again with the same token: job");
    } catch {
      settleWrite(write.id, { status: "unknown", note: "Asking again with the same token failed too." });
      throw new AppError(
        "unverified",
        `S3 did not answer the submission of job #${id}, and asking again failed too: whether S3 created the job is ` +
          "not known yet. Submit again later: the request's token makes S3 return the first job, never a second one.",
      );
    }
  }
  return getPreparedBatchJob(id);
}

async function createJob(
  id: number,
  prepared: PreparedBatchJob,
  client: S3ControlClient,
  writeId: number,
  said: string,
) {
  const out = await client.send(new CreateJobCommand(prepared.request as unknown as CreateJobCommandInput));
  const jobId = out.JobId ?? "unknown";
  db().prepare("UPDATE batch_jobs SET submitted_job_id = ? WHERE id = ?").run(jobId, id);
  settleWrite(writeId, { status: "applied", note: `${said} ${jobId}.`, result: jobId });
  // An earlier submission of this job whose answer was lost sent the same token: this answer is its answer too.
  for (const earlier of unsettledWrites<{ id: number }>("batch-submit", ["pending", "unknown"]))
    if (earlier.request.id === id)
      settleWrite(earlier.id, {
        status: "applied",
        note: `A later submission found job ${jobId} by the token.`,
        result: jobId,
      });
}

const reportLocation = (job: PreparedBatchJob, jobId: string) => {
  const report = (job.request as { Report?: { Bucket?: string; Prefix?: string } }).Report;
  return report?.Bucket
    ? `s3://${report.Bucket.replace(/^arn:aws[a-z-]*:s3:::/, "")}/${report.Prefix}/job-${jobId}/`
    : null;
};

function saveStatus(id: number, status: BatchJobStatus): void {
  db().prepare("UPDATE batch_jobs SET status_json = ? WHERE id = ?").run(JSON.stringify(status), id);
}

/** GET /api/batch-jobs/:id — the job with S3's current status (DescribeJob) once submitted. */
export async function batchJobWithStatus(id: number, client?: S3ControlClient): Promise<PreparedBatchJob> {
  const job = getPreparedBatchJob(id);
  if (!job.submittedJobId) return job;
  return inJobAccount(job.account, () =>
    describeSubmitted(id, { ...job, submittedJobId: job.submittedJobId! }, client),
  );
}

async function describeSubmitted(
  id: number,
  job: PreparedBatchJob & { submittedJobId: string },
  client?: S3ControlClient,
): Promise<PreparedBatchJob> {
  try {
    const out = await (client ?? s3ControlClient(job.region)).send(
      new DescribeJobCommand({ AccountId: job.account, JobId: job.submittedJobId }),
    );
    const d = out.Job;
    saveStatus(id, {
      status: d?.Status ?? "unknown",
      total: d?.ProgressSummary?.TotalNumberOfTasks ?? null,
      succeeded: d?.ProgressSummary?.NumberOfTasksSucceeded ?? null,
      failed: d?.ProgressSummary?.NumberOfTasksFailed ?? null,
      reportLocation: reportLocation(job, job.submittedJobId),
      failureReasons: (d?.FailureReasons ?? []).map((f) => `${f.FailureCode ?? ""}: ${f.FailureReason ?? ""}`.trim()),
      checkedAt: new Date().toISOString(),
    });
    return getPreparedBatchJob(id);
  } catch (err) {
    return { ...job, statusError: awsCallError(err, "DescribeJob", `job ${job.submittedJobId}`).message };
  }
}

const finished = new Set(["Complete", "Failed", "Cancelled"]);

/** The console's jobs (for one bucket, or all for History), statuses refreshed by one ListJobs sweep. */
export async function listBatchJobs(bucket?: string, client?: S3ControlClient): Promise<{ jobs: PreparedBatchJob[] }> {
  const rows = (
    bucket
      ? db().prepare("SELECT * FROM batch_jobs WHERE bucket = ? ORDER BY id DESC LIMIT 50").all(bucket)
      : db().prepare("SELECT * FROM batch_jobs ORDER BY id DESC LIMIT 200").all()
  ) as Row[];
  const jobs = rows.map((r) => toPrepared(r));
  const { account } = await callerIdentity();
  const open = jobs.filter((j) => j.submittedJobId && j.account === account && !finished.has(j.status?.status ?? ""));
  if (open.length === 0) return { jobs };
  let listed: Map<string, JobListDescriptor>;
  try {
    listed = await listJobs(client ?? s3ControlClient(open[0]!.region), account);
  } catch (err) {
    const statusError = awsCallError(err, "ListJobs", `account ${account}`).message;
    return { jobs: jobs.map((j) => (open.includes(j) ? { ...j, statusError } : j)) };
  }
  for (const j of open) {
    const d = listed.get(j.submittedJobId!);
    if (!d) continue;
    saveStatus(j.id, {
      status: d.Status ?? "unknown",
      total: d.ProgressSummary?.TotalNumberOfTasks ?? null,
      succeeded: d.ProgressSummary?.NumberOfTasksSucceeded ?? null,
      failed: d.ProgressSummary?.NumberOfTasksFailed ?? null,
      reportLocation: reportLocation(j, j.submittedJobId!),
      failureReasons: j.status?.failureReasons ?? [],
      checkedAt: new Date().toISOString(),
    });
  }
  return { jobs: jobs.map((j) => (open.includes(j) ? getPreparedBatchJob(j.id) : j)) };
}

/** ListJobs, paged, up to 10 pages (1,000 jobs): the console's open jobs are among the recent ones. */
async function listJobs(client: S3ControlClient, account: string): Promise<Map<string, JobListDescriptor>> {
  const out = new Map<string, JobListDescriptor>();
  let token: string | undefined;
  for (let page = 0; page < 10; page++) {
    const res = await client.send(new ListJobsCommand({ AccountId: account, NextToken: token, MaxResults: 100 }));
    for (const j of res.Jobs ?? []) if (j.JobId) out.set(j.JobId, j);
    token = res.NextToken;
    if (!token) break;
  }
  return out;
}
