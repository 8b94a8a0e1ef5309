// Two multi-region trails recording the same management events into two buckets (one for
// security, one for operations) must not double S3's KMS calls. moto cannot deliver logs, so the
// test writes the same real-format log files (scripts/demo-cloudtrail.ts) under both trails'
// buckets, in an account of its own so that no other test file's trail takes part in the choice.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { CloudTrailClient, CreateTrailCommand } from "@aws-sdk/client-cloudtrail";
import { ingestStatusSchema } from "@/lib/contracts/usage";
import { apiRequest, createBucket, jsonOf, motoUrl, routeContext, testS3, uniqueName } from "./helpers";
import { switchToOwnAccount } from "./own-account";

process.env.CONSOLE_DATA_DIR = mkdtempSync(path.join(tmpdir(), "bkc-trail-dedup-it-"));
const { account, credentials } = await switchToOwnAccount();

const { demoLogFiles } = await import("@/scripts/demo-cloudtrail");
const { usageTotals } = await import("./usage-totals");

const files = demoLogFiles(account, new Date("2026-03-10T00:00:00Z"), 2);
const cloudtrail = new CloudTrailClient({
  region: "us-east-1",
  endpoint: motoUrl(),
  credentials,
});

/** A multi-region trail delivering to a bucket of its own, holding every one of the demo's log files. */
async function trailWithFiles(label: string): Promise<{ name: string; bucket: string }> {
  const name = uniqueName(label);
  const bucket = uniqueName(`${label}-logs`);
  await createBucket(bucket);
  await cloudtrail.send(
    new CreateTrailCommand({ Name: name, S3BucketName: bucket, S3KeyPrefix: "trail", IsMultiRegionTrail: true }),
  );
  await Promise.all(
    files.map((f) => testS3().send(new PutObjectCommand({ Bucket: bucket, Key: `trail/${f.key}`, Body: f.body }))),
  );
  return { name, bucket };
}

type Rec = {
  eventSource?: string;
  errorCode?: string;
  requestParameters?: { encryptionContext?: Record<string, string> };
};
/** Successful S3 KMS calls per bucket in the files, counted independently of the parser. */
function requestsPerBucket(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of files)
    for (const r of (JSON.parse(gunzipSync(f.body).toString()) as { Records: Rec[] }).Records) {
      const arn = r.requestParameters?.encryptionContext?.["aws:s3:arn"];
      if (r.eventSource !== "kms.amazonaws.com" || r.errorCode || !arn?.startsWith("arn:aws:s3:::")) continue;
      const bucket = arn.slice("arn:aws:s3:::".length).split("/")[0]!;
      counts[bucket] = (counts[bucket] ?? 0) + 1;
    }
  return counts;
}

test("two multi-region trails with the same calls in two buckets: each call counted once, the second trail named as counted from the first", async () => {
  // Names sort "it-ops-…" before "it-security-…": the ops trail is the one that counts.
  const ops = await trailWithFiles("ops");
  const security = await trailWithFiles("security");

  const route = await import("@/app/api/usage/ingest/route");
  await jsonOf(
    await route.POST(apiRequest("/api/usage/ingest", { method: "POST" }), routeContext()),
    ingestStatusSchema,
  );
  const { ingestFinished } = await import("@/lib/usage/ingest");
  await ingestFinished();
  const status = await jsonOf(await route.GET(apiRequest("/api/usage/ingest"), routeContext()), ingestStatusSchema);
  assert.equal(status.state, "done", status.message ?? "");

  const stored: Record<string, number> = {};
  for (const r of usageTotals().hourly) stored[r.bucket] = (stored[r.bucket] ?? 0) + r.requests;
  const expected = requestsPerBucket();
  assert.ok(Object.keys(expected).length >= 3 && expected["bkc-demo-orders"]! > 0, JSON.stringify(expected));
  assert.deepEqual(stored, expected, "one trail's worth of requests per bucket, not two");
  // Only the counting trail's files have receipts: the others stay unread for a later run.
  const received = usageTotals().files.map((f) => (f as { key: string }).key);
  assert.equal(received.length, files.length);
  assert.ok(received.every((k) => k.startsWith(`s3://${ops.bucket}/`)));

  assert.deepEqual(status.trails, [
    `${ops.name} → s3://${ops.bucket}/trail`,
    `${security.name} → s3://${security.bucket}/trail (eu-west-1, us-east-1 counted from ${ops.name})`,
  ]);
});
