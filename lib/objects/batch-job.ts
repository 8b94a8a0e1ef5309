import "server-only";
import { randomUUID } from "node:crypto";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { CreateJobCommand, type S3ControlClient } from "@aws-sdk/client-s3-control";
import { AppError } from "@/lib/contracts/errors";
import type { PreparedBatchJob } from "@/lib/contracts/objects";
import { s3Client, s3ControlClient } from "@/lib/aws/clients";
import { toAppError } from "@/lib/aws/errors";
import { callerIdentity } from "@/lib/aws/identity";
import { migrate, openDb } from "@/lib/server/db";
import { buildCreateJobRequest, buildManifestCsv, type BatchOperation } from "@/lib/objects/batch-job-request";
import { consolePrefix, isCustomerObject, listObjects } from "@/lib/objects/object-head";
import { reencryptionTarget } from "@/lib/objects/reencrypt-target";

// Prepares an S3 Batch Operations job (manifest written to the bucket, CreateJob request kept
// for review) and submits it only when the user confirms the request they reviewed.

const migrations = [
  `CREATE TABLE batch_jobs (id INTEGER PRIMARY KEY AUTOINCREMENT, bucket TEXT NOT NULL, region TEXT NOT NULL, objects INTEGER NOT NULL,
     manifest_key TEXT NOT NULL, request_json TEXT NOT NULL, submitted_job_id TEXT, created_at TEXT NOT NULL)`,
];

function db() {
  const d = openDb();
  migrate(d, "batch-jobs", migrations);
  return d;
}

type Row = {
  id: number;
  bucket: string;
  region: string;
  objects: number;
  manifest_key: string;
  request_json: string;
  submitted_job_id: string | null;
};

function toPrepared(r: Row): PreparedBatchJob {
  return {
    id: r.id,
    bucket: r.bucket,
    region: r.region,
    objects: r.objects,
    manifestKey: r.manifest_key,
    request: JSON.parse(r.request_json),
    submittedJobId: r.submitted_job_id,
  };
}

export async function prepareBatchJob(
  bucket: string,
  operation: BatchOperation,
  roleArn: string,
  prefix: string,
): Promise<PreparedBatchJob> {
  const [{ region, keyArn }, { account }] = await Promise.all([reencryptionTarget(bucket), callerIdentity()]);
  const client = s3Client(region);
  const objects = (await listObjects(client, bucket, prefix)).filter(isCustomerObject);
  if (objects.length === 0)
    throw new AppError(
      "check_failed",
      `No objects${prefix ? ` under ${prefix}` : ""} in ${bucket}: nothing to re-encrypt.`,
    );
  const manifestKey = `${consolePrefix}batch-manifests/${new Date().toISOString().replace(/[:.]/g, "-")}.csv`;
  let etag: string | undefined;
  try {
    etag = (
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: manifestKey,
          Body: buildManifestCsv(
            bucket,
            objects.map((o) => o.key),
          ),
          ContentType: "text/csv",
        }),
      )
    ).ETag;
  } catch (err) {
    throw toAppError(err, "s3:PutObject", `${bucket}/${manifestKey}`);
  }
  const request = buildCreateJobRequest({
    account,
    bucket,
    keyArn,
    roleArn,
    operation,
    manifestKey,
    manifestEtag: etag ?? "",
    token: randomUUID(),
  });
  const { lastInsertRowid } = db()
    .prepare(
      "INSERT INTO batch_jobs (bucket, region, objects, manifest_key, request_json, created_at) VALUES (?, ?, ?, ?, ?, ?)",
    )
    .run(bucket, region, objects.length, manifestKey, JSON.stringify(request), new Date().toISOString());
  return getPreparedBatchJob(Number(lastInsertRowid));
}

export function getPreparedBatchJob(id: number): PreparedBatchJob {
  const row = db().prepare("SELECT * FROM batch_jobs WHERE id = ?").get(id) as Row | undefined;
  if (!row) throw new AppError("not_found", `No prepared Batch Operations job #${id}.`);
  return toPrepared(row);
}

/** Submits exactly the request that was reviewed; a second submit reports the first one's job. */
export async function submitBatchJob(
  id: number,
  client: S3ControlClient = s3ControlClient(getPreparedBatchJob(id).region),
): Promise<PreparedBatchJob> {
  const prepared = getPreparedBatchJob(id);
  if (prepared.submittedJobId) return prepared;
  try {
    const out = await client.send(new CreateJobCommand(prepared.request));
    db()
      .prepare("UPDATE batch_jobs SET submitted_job_id = ? WHERE id = ?")
      .run(out.JobId ?? "unknown", id);
  } catch (err) {
    throw toAppError(
      err,
      "s3:CreateJob (and iam:PassRole for the job's role)",
      `Batch Operations job for ${prepared.bucket}`,
    );
  }
  return getPreparedBatchJob(id);
}
