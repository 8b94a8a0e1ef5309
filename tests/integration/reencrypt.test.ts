import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import {
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  PutBucketEncryptionCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { CreateKeyCommand } from "@aws-sdk/client-kms";
import { dryRunSchema, reencryptJobSchema, objectScanSchema } from "@/lib/contracts/objects";
import { apiRequest, createBucket, errorOf, jsonOf, routeContext, testKms, testS3, uniqueName } from "./helpers";

process.env.CONSOLE_DATA_DIR = mkdtempSync(path.join(tmpdir(), "bkc-reencrypt-"));
const reencryptRoute = await import("@/app/api/buckets/[name]/reencrypt/route");
const scanRoute = await import("@/app/api/buckets/[name]/objects/scan/route");
const { settled, resumeRunningJobs } = await import("@/lib/objects/reencrypt/runner");
const { getJob } = await import("@/lib/objects/reencrypt/job-store");

const s3 = testS3();
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** A versioned SSE-KMS bucket whose objects were written without a Bucket Key. */
async function bucketWithOldObjects(count: number) {
  const bucket = uniqueName("reenc");
  await createBucket(bucket);
  const keyArn = (await testKms().send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
  await s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: "Enabled" } }));
  await s3.send(
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
  const originals = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const key = `data/${String(i).padStart(3, "0")} file.txt`;
    const body = `object ${i} ${"x".repeat(i * 37)}`;
    originals.set(key, sha(Buffer.from(body)));
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: body,
        ContentType: i % 2 ? "text/plain" : "application/json",
        Metadata: { owner: `team-${i}` },
        Tagging: `index=${i}`,
        StorageClass: i % 3 === 0 ? "STANDARD_IA" : "STANDARD",
        ServerSideEncryption: "aws:kms",
        SSEKMSKeyId: keyArn,
        BucketKeyEnabled: false,
      }),
    );
  }
  return { bucket, keyArn, originals };
}

async function versionsPerKey(bucket: string) {
  const out = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket }));
  const counts = new Map<string, number>();
  for (const v of out.Versions ?? []) counts.set(v.Key!, (counts.get(v.Key!) ?? 0) + 1);
  return counts;
}

test("a job re-encrypts every object with the Bucket Key and loses nothing", async () => {
  const { bucket, keyArn, originals } = await bucketWithOldObjects(12);
  const dry = await jsonOf(
    await reencryptRoute.POST(
      apiRequest(`/api/buckets/${bucket}/reencrypt`, { method: "POST", body: { dryRun: true } }),
      routeContext({ name: bucket }),
    ),
    dryRunSchema,
  );
  assert.equal(dry.objects, 12);
  assert.equal((await versionsPerKey(bucket)).get("data/000 file.txt"), 1, "a dry run writes nothing");

  const res = await reencryptRoute.POST(
    apiRequest(`/api/buckets/${bucket}/reencrypt`, { method: "POST", body: {} }),
    routeContext({ name: bucket }),
  );
  const started = await jsonOf(res, reencryptJobSchema);
  assert.deepEqual([started.bucket, started.state, started.keyArn], [bucket, "running", keyArn]);
  await settled(started.id);
  const job = getJob(started.id)!;
  assert.equal(job.state, "done");
  assert.equal(job.done, 12, "all twelve were written without a Bucket Key");
  assert.equal(job.failed, 0);
  assert.equal(job.method, "copy-object", "moto has no UpdateObjectEncryption: the job falls back to CopyObject");
  assert.match(job.methodReason ?? "", /did not change the probe object in place.*copying each object onto itself/);
  assert.equal(job.versioned, true);

  for (const [key, hash] of originals) {
    const i = Number(key.slice(5, 8));
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    assert.equal(head.ServerSideEncryption, "aws:kms", key);
    assert.equal(head.BucketKeyEnabled, true, key);
    assert.equal(head.SSEKMSKeyId, keyArn, key);
    assert.equal(head.ContentType, i % 2 ? "text/plain" : "application/json", key);
    assert.deepEqual(head.Metadata, { owner: `team-${i}` }, key);
    assert.equal(head.StorageClass ?? "STANDARD", i % 3 === 0 ? "STANDARD_IA" : "STANDARD", key);
    const body = await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToByteArray();
    assert.equal(sha(body), hash, `${key} bytes unchanged`);
    const tags = await s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: key }));
    assert.deepEqual(tags.TagSet, [{ Key: "index", Value: String(i) }], key);
  }

  await jsonOf(
    await scanRoute.POST(
      apiRequest(`/api/buckets/${bucket}/objects/scan`, { method: "POST", body: {} }),
      routeContext({ name: bucket }),
    ),
    objectScanSchema,
  );
  const readScan = async () =>
    jsonOf(
      await scanRoute.GET(apiRequest(`/api/buckets/${bucket}/objects/scan`), routeContext({ name: bucket })),
      objectScanSchema,
    );
  let scan = await readScan();
  for (let i = 0; i < 100 && scan.state === "running"; i++) {
    await new Promise((r) => setTimeout(r, 50));
    scan = await readScan();
  }
  assert.equal(scan.state, "done");
  assert.equal(scan.distribution["SSE-KMS with Bucket Key"], 12);
  assert.equal(scan.distribution["SSE-KMS without Bucket Key"], 0);
});

test("a job killed mid-way and resumed re-encrypts every object exactly once", async () => {
  const { bucket, originals } = await bucketWithOldObjects(30);
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "tests/integration/support/reencrypt-child.mts", bucket],
    {
      env: { ...process.env, NODE_NO_WARNINGS: "1" },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const id = await new Promise<number>((resolve, reject) => {
    child.stdout.on("data", (d: Buffer) => {
      const m = /job (\d+)/.exec(d.toString());
      if (m) resolve(Number(m[1]));
    });
    child.on("exit", (code) => reject(new Error(`child exited ${code} before starting a job`)));
  });
  for (let i = 0; i < 200 && (getJob(id)?.done ?? 0) < 8; i++) await new Promise((r) => setTimeout(r, 50));
  child.kill("SIGKILL");
  await new Promise((r) => child.once("exit", r));
  const atKill = getJob(id)!;
  assert.equal(atKill.state, "running");
  assert.ok(atKill.done >= 8 && atKill.done < 30, `killed mid-way (${atKill.done} done)`);

  // A new object written during the job, under the new default, is left alone.
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "data/written-during-job.txt", Body: "fresh" }));

  assert.deepEqual(resumeRunningJobs(), { resumed: [id], paused: [] });
  await settled(id);
  const job = getJob(id)!;
  assert.equal(job.state, "done");
  assert.equal(job.done + job.skipped, 30);
  assert.equal(job.failed, 0);
  const versions = await versionsPerKey(bucket);
  for (const key of originals.keys())
    assert.equal(versions.get(key), 2, `${key}: the original and exactly one re-encrypted copy`);
  assert.equal(versions.get("data/written-during-job.txt"), 1, "not part of the job, not copied");
});

test("a bucket without an SSE-KMS default is refused with what to do", async () => {
  const bucket = uniqueName("noenc");
  await createBucket(bucket);
  const res = await reencryptRoute.POST(
    apiRequest(`/api/buckets/${bucket}/reencrypt`, { method: "POST", body: {} }),
    routeContext({ name: bucket }),
  );
  assert.match((await errorOf(res, 422, "check_failed")).message, /set SSE-KMS with a Bucket Key first/);
});

test("objects over the single-copy limit are copied in parts, keeping bytes, metadata, tags and storage class", async () => {
  const { reencryptObject } = await import("@/lib/objects/reencrypt/object");
  const { bucket, keyArn } = await bucketWithOldObjects(0);
  const body = Buffer.alloc(11 * 1024 * 1024 + 123, 7);
  body.write("start", 0);
  body.write("end", body.length - 3);
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: "big/archive.bin",
      Body: body,
      ContentType: "application/octet-stream",
      CacheControl: "max-age=60",
      Metadata: { origin: "camera-7" },
      Tagging: "retention=long&team=media",
      StorageClass: "STANDARD_IA",
      ServerSideEncryption: "aws:kms",
      SSEKMSKeyId: keyArn,
      BucketKeyEnabled: false,
    }),
  );
  const head0 = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "big/archive.bin" }));
  // S3's real limits are 5 GB per CopyObject and 5 MB minimum parts; scaled down here.
  const outcome = await reencryptObject(
    s3,
    bucket,
    { key: "big/archive.bin", etag: head0.ETag!, size: body.length },
    keyArn,
    "copy-object",
    true,
    {
      singleCopyMaxBytes: 5 * 1024 * 1024,
      partBytes: 5 * 1024 * 1024,
    },
  );
  assert.deepEqual(outcome, { status: "done", how: "copied" });
  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "big/archive.bin" }));
  assert.equal(head.BucketKeyEnabled, true);
  assert.equal(head.SSEKMSKeyId, keyArn);
  assert.equal(head.ContentType, "application/octet-stream");
  assert.equal(head.CacheControl, "max-age=60");
  assert.deepEqual(head.Metadata, { origin: "camera-7" });
  assert.equal(head.StorageClass, "STANDARD_IA");
  assert.match(head.ETag ?? "", /-3"$/, "three parts");
  const copied = await (
    await s3.send(new GetObjectCommand({ Bucket: bucket, Key: "big/archive.bin" }))
  ).Body!.transformToByteArray();
  assert.equal(sha(copied), sha(body));
  const tags = await s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: "big/archive.bin" }));
  assert.deepEqual(
    tags.TagSet?.sort((a, b) => a.Key!.localeCompare(b.Key!)),
    [
      { Key: "retention", Value: "long" },
      { Key: "team", Value: "media" },
    ],
  );
});

test("pause stops the workers between objects; resume finishes the job", async () => {
  const { startJob, controlJob } = await import("@/lib/objects/reencrypt/runner");
  const { bucket } = await bucketWithOldObjects(10);
  const job = await startJob(bucket, {
    dryRun: false,
    prefix: "",
    onlyWithoutBucketKey: true,
    concurrency: 1,
    ratePerSecond: 10,
  });
  for (let i = 0; i < 100 && getJob(job.id)!.done < 2; i++) await new Promise((r) => setTimeout(r, 30));
  controlJob(job.id, "pause");
  await settled(job.id);
  const paused = getJob(job.id)!;
  assert.equal(paused.state, "paused");
  assert.ok(paused.done < 10, `paused before the end (${paused.done} done)`);
  // Paused holds for the workers (settled above: none left) and for a restart, which resumes only running jobs.
  assert.ok(!resumeRunningJobs().resumed.includes(job.id), "a restart leaves the paused job paused");
  await settled(job.id);
  const still = getJob(job.id)!;
  assert.deepEqual([still.state, still.done], ["paused", paused.done], "nothing moves while paused");
  controlJob(job.id, "resume");
  await settled(job.id);
  assert.equal(getJob(job.id)!.state, "done");
  assert.equal(getJob(job.id)!.done, 10);
  assert.throws(() => controlJob(job.id, "pause"), /is finished/);
});
