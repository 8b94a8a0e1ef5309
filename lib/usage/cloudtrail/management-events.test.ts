import assert from "node:assert/strict";
import { test } from "node:test";
import { noiseRecord, s3BucketChangeRecord, s3KmsRecord, seededRng } from "@/scripts/cloudtrail-format";
import { bucketEventsOf, parseBucketEvent } from "./management-events";

const account = "123456789012";
const time = new Date("2026-03-01T10:15:00Z");
const alice = { kind: "user", name: "alice" } as const;
const rng = seededRng("management-events");
const change = (event: Parameters<typeof s3BucketChangeRecord>[0]["event"], extra = {}) =>
  s3BucketChangeRecord(
    { time, region: "eu-west-1", account, bucket: "orders", event, principal: alice, ...extra },
    rng,
  );

test("a bucket-level S3 management event names the bucket, its region, when and who", () => {
  const record = change("PutBucketEncryption");
  assert.deepEqual(parseBucketEvent(record), {
    id: record.eventID,
    account,
    bucket: "orders",
    region: "eu-west-1",
    event: "PutBucketEncryption",
    at: "2026-03-01T10:15:00Z",
    principal: `arn:aws:iam::${account}:user/alice`,
    byConsole: false,
    after: "SSE-KMS · aws/s3 · Bucket Key on",
    requestId: record.requestID,
  });
});

test("every event that changes the inventory is kept; failed calls, other S3 calls and other services are not", () => {
  const kept = [
    "CreateBucket",
    "DeleteBucket",
    "PutBucketEncryption",
    "DeleteBucketEncryption",
    "PutBucketVersioning",
    "PutBucketReplication",
    "DeleteBucketReplication",
  ] as const;
  const failed = { ...change("PutBucketEncryption"), errorCode: "AccessDenied", errorMessage: "Access Denied" };
  const otherS3 = { ...change("PutBucketVersioning"), eventName: "PutBucketTagging" };
  const kms = s3KmsRecord(
    {
      time,
      region: "eu-west-1",
      account,
      bucket: "orders",
      objectKey: "a",
      operation: "Decrypt",
      keyArn: "k",
      principal: alice,
    },
    rng,
  );
  const noise = [0, 1, 2, 3, 4, 5].map((k) => noiseRecord(k, time, "eu-west-1", account, "k", rng));
  const events = bucketEventsOf([...kept.map((e) => change(e)), failed, otherS3, kms, ...noise, null, "x"]);
  assert.deepEqual(
    events.map((e) => e.event),
    kept,
  );
});

test("the console's own calls are marked by their User-Agent", () => {
  const own = change("PutBucketEncryption", { userAgent: "aws-sdk-js/3.700.0 ua/2.1 os/linux bucket-key-console" });
  assert.equal(parseBucketEvent(own)?.byConsole, true);
});

test("the bucket comes from the resource ARN when requestParameters lack it; a record without one is skipped", () => {
  const record = change("DeleteBucket");
  const noName = { ...record, requestParameters: { Host: "orders.s3.amazonaws.com" } };
  assert.equal(parseBucketEvent(noName)?.bucket, "orders");
  assert.equal(parseBucketEvent({ ...noName, resources: [] }), null);
  assert.equal(parseBucketEvent({ ...record, eventTime: "yesterday" }), null);
});
