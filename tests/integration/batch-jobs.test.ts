import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { PutBucketEncryptionCommand } from "@aws-sdk/client-s3";
import { CreateKeyCommand } from "@aws-sdk/client-kms";
import { CreateRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import { preparedBatchJobSchema } from "@/lib/contracts/batch-jobs";
import {
  apiRequest,
  createBucket,
  errorOf,
  jsonOf,
  motoUrl,
  routeContext,
  testKms,
  testS3,
  uniqueName,
} from "./helpers";
import { configureInventory, csvFile, mixedRows, putReport } from "./object-inventory-report";

// Batch Operations jobs prepared against moto (inventory report in the real format, role in
// moto's IAM), never listing the bucket. moto's S3 Control has no CreateJob, DescribeJob or
// ListJobs: submission and polling use stub clients answering in the real API shapes.

process.env.CONSOLE_DATA_DIR = mkdtempSync(path.join(tmpdir(), "bkc-batch-"));
const batchRoute = await import("@/app/api/buckets/[name]/batch-job/route");
const { s3Client } = await import("@/lib/aws/clients");
const { submitBatchJob, batchJobWithStatus, listBatchJobs } = await import("@/lib/objects/batch/job");

const iam = new IAMClient({
  region: "us-east-1",
  endpoint: motoUrl(),
  credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
});
const roleName = uniqueName("batch-role");
const roleArn = `arn:aws:iam::123456789012:role/${roleName}`;
await iam.send(
  new CreateRoleCommand({
    RoleName: roleName,
    AssumeRolePolicyDocument: JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Principal: { Service: "batchoperations.s3.amazonaws.com" }, Action: "sts:AssumeRole" },
      ],
    }),
  }),
);

// Every S3 call the console makes, to prove that no job lists the bucket it changes.
const calls: { command: string; input: { Bucket?: string; Prefix?: string } }[] = [];
s3Client("us-east-1").middlewareStack.add(
  (next, context) => async (args) => {
    calls.push({ command: context.commandName as string, input: args.input as never });
    return next(args);
  },
  { step: "initialize", name: "recordCalls" },
);
const listedBucket = (bucket: string) =>
  calls.filter((c) => c.command.startsWith("ListObjects") && c.input.Bucket === bucket);

async function bucketWithReport() {
  const bucket = uniqueName("batch");
  const destination = uniqueName("batch-inv");
  await createBucket(bucket);
  await createBucket(destination);
  const keyArn = (await testKms().send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
  await testS3().send(
    new PutBucketEncryptionCommand({
      Bucket: bucket,
      ServerSideEncryptionConfiguration: {
        Rules: [
          {
            ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: keyArn },
            BucketKeyEnabled: true,
          },
        ],
      },
    }),
  );
  await configureInventory(bucket, destination);
  const manifestKey = await putReport({
    bucket,
    destination,
    date: new Date("2026-12-01T01:00:00Z"),
    files: [{ name: "a.csv.gz", body: csvFile(bucket, mixedRows(50)) }],
  });
  return { bucket, destination, keyArn, manifestKey };
}

const post = (bucket: string, body: Record<string, unknown>) =>
  batchRoute.POST(
    apiRequest(`/api/buckets/${bucket}/batch-job`, { method: "POST", body: { roleArn, ...body } }),
    routeContext({ name: bucket }),
  );
/** A job prepared for review, read through the route's schema. */
const prepare = async (bucket: string, body: Record<string, unknown>) =>
  jsonOf(await post(bucket, body), preparedBatchJobSchema);

test("a job over the latest inventory report: its manifest.json is the manifest; the bucket is never listed", async () => {
  const { bucket, destination, keyArn, manifestKey } = await bucketWithReport();
  calls.length = 0;
  const body = await prepare(bucket, { manifest: "inventory" });
  assert.equal(body.request.Manifest?.Spec.Format, "S3InventoryReport_CSV_20161130");
  assert.equal(body.request.Manifest?.Location.ObjectArn, `arn:aws:s3:::${destination}/${manifestKey}`);
  assert.match(body.request.Manifest?.Location.ETag ?? "", /^"?[0-9a-f]{32}"?$/);
  assert.deepEqual(body.request.Operation, {
    S3UpdateObjectEncryption: { ObjectEncryption: { SSEKMS: { KMSKeyArn: keyArn, BucketKeyEnabled: true } } },
  });
  assert.equal(body.reportDate, "2026-12-01T01:00:00.000Z");
  assert.deepEqual(listedBucket(bucket), [], "the source bucket is not listed");
  const checks = Object.fromEntries(body.checks.map((c) => [c.id, c.status]));
  assert.equal(checks["role-trust"], "pass");
  assert.equal(checks["key-account"], "pass");
  assert.equal(checks["replication"], "pass");
  // The contract types policy documents loosely (any IAM document): their statements are read in IAM's shape.
  type Statements = { Statement: { Principal?: unknown; Action: string[] }[] };
  const trust = body.trustPolicy as Statements;
  const role = body.rolePolicy as Statements;
  assert.deepEqual(trust.Statement[0]!.Principal, { Service: "batchoperations.s3.amazonaws.com" });
  assert.ok(role.Statement.some((s) => s.Action.includes("s3:UpdateObjectEncryption")));
});

test("a job over S3's manifest generator: filtered to SSE-KMS without a Bucket Key, under the prefix, no listing", async () => {
  const { bucket } = await bucketWithReport();
  calls.length = 0;
  const body = await prepare(bucket, { manifest: "generator", prefix: "logs/" });
  assert.equal(body.request.Manifest, undefined);
  const generator = body.request.ManifestGenerator!.S3JobManifestGenerator;
  assert.equal(generator.SourceBucket, `arn:aws:s3:::${bucket}`);
  assert.equal(generator.EnableManifestOutput, true);
  assert.deepEqual(generator.Filter, {
    MatchAnyObjectEncryption: [{ SSEKMS: { BucketKeyEnabled: false } }],
    KeyNameConstraint: { MatchAnyPrefix: ["logs/"] },
  });
  assert.deepEqual(
    calls.filter((c) => c.command.startsWith("ListObjects")),
    [],
    "nothing listed at all",
  );
});

test("bad job requests get a clear error: a prefix with the inventory manifest, a role that does not trust S3", async () => {
  const { bucket } = await bucketWithReport();
  const prefixed = await errorOf(await post(bucket, { manifest: "inventory", prefix: "logs/" }), 400, "invalid_input");
  assert.match(prefixed.message, /choose the manifest generator for a prefix/);
  const bad = await errorOf(await post(bucket, { manifest: "generator", roleArn: "not-a-role" }), 400, "invalid_input");
  assert.match(bad.message, /roleArn: must be an IAM role ARN/);
  const other = uniqueName("lambda-role");
  await iam.send(
    new CreateRoleCommand({
      RoleName: other,
      AssumeRolePolicyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
      }),
    }),
  );
  const untrusted = await prepare(bucket, {
    manifest: "generator",
    roleArn: `arn:aws:iam::123456789012:role/${other}`,
  });
  assert.equal(untrusted.checks.find((c) => c.id === "role-trust")?.status, "fail");
  await assert.rejects(submitBatchJob(untrusted.id, { send: async () => ({}) } as never), {
    code: "check_failed",
    message: /failed a check \(The role trusts S3 Batch Operations\)/,
  });
});

test("submit sends exactly the reviewed request once; DescribeJob and ListJobs polling show progress and the report", async () => {
  const { bucket } = await bucketWithReport();
  const prepared = await prepare(bucket, { manifest: "generator" });
  const jobId = "8f3b8c1e-0000-4000-8000-000000000001";
  const sent: { name: string; input: unknown }[] = [];
  let progress = { TotalNumberOfTasks: 30, NumberOfTasksSucceeded: 10, NumberOfTasksFailed: 1 };
  const stub = {
    send: async (command: { constructor: { name: string }; input: unknown }) => {
      sent.push({ name: command.constructor.name, input: command.input });
      if (command.constructor.name === "CreateJobCommand") return { JobId: jobId };
      if (command.constructor.name === "DescribeJobCommand")
        return { Job: { JobId: jobId, Status: "Active", ProgressSummary: progress, FailureReasons: [] } };
      return { Jobs: [{ JobId: jobId, Status: "Complete", ProgressSummary: progress }] };
    },
  } as never;
  const submitted = await submitBatchJob(prepared.id, stub);
  assert.equal(submitted.submittedJobId, jobId);
  assert.deepEqual(sent[0], { name: "CreateJobCommand", input: prepared.request });
  await submitBatchJob(prepared.id, stub);
  assert.equal(sent.filter((s) => s.name === "CreateJobCommand").length, 1, "a second submit creates no second job");

  const active = await batchJobWithStatus(prepared.id, stub);
  assert.deepEqual(sent.at(-1)!.input, { AccountId: "123456789012", JobId: jobId });
  assert.equal(active.status?.status, "Active");
  assert.equal(active.status?.succeeded, 10);
  assert.equal(active.status?.failed, 1);
  assert.equal(active.status?.reportLocation, `s3://${bucket}/.bucket-key-console/batch-reports/job-${jobId}/`);

  progress = { TotalNumberOfTasks: 30, NumberOfTasksSucceeded: 29, NumberOfTasksFailed: 1 };
  const listed = await listBatchJobs(bucket, stub);
  assert.equal(sent.at(-1)!.name, "ListJobsCommand");
  assert.equal(listed.jobs[0]!.status?.status, "Complete");
  assert.equal(listed.jobs[0]!.status?.succeeded, 29);
  const failing = {
    send: async () =>
      Promise.reject(Object.assign(new Error("x"), { name: "AccessDenied", $metadata: { httpStatusCode: 403 } })),
  } as never;
  const stale = await batchJobWithStatus(prepared.id, failing);
  assert.equal(stale.status?.succeeded, 29, "the last status stays");
  assert.match(stale.statusError ?? "", /s3:DescribeJob/);
});

test("a submission whose answer is lost asks again with the same request token and finds the first job", async () => {
  // moto has no S3 Control jobs: this stub keeps S3's documented idempotency, one job per ClientRequestToken, and
  // loses the answer to the first CreateJob after making the job (a reset after S3 acted).
  const { bucket } = await bucketWithReport();
  const prepared = await prepare(bucket, { manifest: "generator" });
  const jobsByToken = new Map<string, string>();
  let creates = 0;
  const stub = {
    send: async (command: { constructor: { name: string }; input: { ClientRequestToken: string } }) => {
      assert.equal(command.constructor.name, "CreateJobCommand");
      creates++;
      const token = command.input.ClientRequestToken;
      if (!jobsByToken.has(token)) jobsByToken.set(token, `job-${jobsByToken.size + 1}`);
      if (creates === 1) throw Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
      return { JobId: jobsByToken.get(token) };
    },
  } as never;
  const submitted = await submitBatchJob(prepared.id, stub);
  assert.equal(creates, 2);
  assert.equal(jobsByToken.size, 1, "one job: the second request found the first by its token");
  assert.equal(submitted.submittedJobId, "job-1");
  const { listWrites } = await import("@/lib/changes/write-log");
  const [write] = listWrites();
  assert.deepEqual([write!.kind, write!.status, write!.result], ["batch-submit", "applied", "job-1"]);
  assert.deepEqual(
    write!.steps.map((s) => s.status),
    ["pending", "unknown", "applied"],
  );
  assert.match(write!.steps[1]!.note, /CreateJob got no answer \(ECONNRESET\)/);
});
