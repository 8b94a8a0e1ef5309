import assert from "node:assert/strict";
import { test } from "node:test";
import { ItemShapeError, parseItem } from "./item";
import { changedSinceQuery, parsePartition, partitionQuery } from "./queries";

// A SelectAggregateResourceConfig result row in the shape AWS documents: Results are JSON strings,
// selected dotted paths nested as objects with arrays kept (API reference, SelectAggregateResourceConfig;
// field paths from awslabs/aws-config-resource-schema AWS::S3::Bucket.properties.json).
const keyArn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const sample = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    accountId: "111122223333",
    awsRegion: "eu-west-1",
    resourceName: "analytics-raw",
    resourceCreationTime: "2024-02-01T10:00:00.000Z",
    configurationItemCaptureTime: "2026-11-30T08:15:42.123Z",
    configurationItemStatus: "OK",
    supplementaryConfiguration: {
      ServerSideEncryptionConfiguration: {
        rules: [
          {
            applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyID: keyArn },
            bucketKeyEnabled: false,
          },
        ],
      },
      BucketVersioningConfiguration: { status: "Suspended" },
    },
    ...over,
  });

test("an SSE-KMS bucket without a Bucket Key becomes a candidate posture labelled with its capture time", () => {
  const item = parseItem(sample(), "org", "2026-12-01T00:00:00.000Z");
  assert.equal(item.deleted, false);
  if (item.deleted) return;
  assert.deepEqual(item.posture.encryption, {
    type: "SSE-KMS",
    kmsKeyArn: keyArn,
    kmsKeyAlias: null,
    kmsKeyReference: keyArn,
    kmsKeyProblem: null,
    bucketKeyEnabled: false,
  });
  assert.equal(item.posture.candidate, true);
  assert.equal(item.posture.versioning, "Suspended");
  assert.equal(item.posture.replication, null, "replication rules are not in Config: unknown, never guessed");
  assert.deepEqual(item.posture.source, { kind: "config", aggregator: "org", capturedAt: "2026-11-30T08:15:42.123Z" });
});

test("a key named by alias keeps the alias as written and no ARN (resolving it needs the account's KMS)", () => {
  const rules = [
    {
      applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyID: "alias/data" },
      bucketKeyEnabled: true,
    },
  ];
  const item = parseItem(
    sample({ supplementaryConfiguration: { ServerSideEncryptionConfiguration: { rules } } }),
    "org",
    "t",
  );
  assert.ok(!item.deleted);
  assert.equal(item.posture.encryption?.kmsKeyArn, null);
  assert.equal(item.posture.encryption?.kmsKeyReference, "alias/data");
  assert.equal(item.posture.candidate, false);
  assert.equal(item.posture.versioning, "Off");
});

test("SSE-S3, DSSE-KMS, no rules, and parts carried as JSON text (GetResourceConfigHistory's form)", () => {
  const enc = (sseAlgorithm: string) => ({
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm }, bucketKeyEnabled: false }],
  });
  const typeOf = (supplementaryConfiguration: unknown) => {
    const item = parseItem(sample({ supplementaryConfiguration }), "org", "t");
    return item.deleted ? "deleted" : item.posture.encryption?.type;
  };
  assert.equal(typeOf({ ServerSideEncryptionConfiguration: enc("AES256") }), "SSE-S3");
  assert.equal(typeOf({ ServerSideEncryptionConfiguration: enc("aws:kms:dsse") }), "DSSE-KMS");
  assert.equal(typeOf({}), "NONE");
  assert.equal(typeOf({ ServerSideEncryptionConfiguration: JSON.stringify(enc("AES256")) }), "SSE-S3");
});

test("ResourceDeleted and ResourceDeletedNotRecorded are deletions", () => {
  for (const status of ["ResourceDeleted", "ResourceDeletedNotRecorded"])
    assert.equal(
      parseItem(sample({ configurationItemStatus: status, supplementaryConfiguration: {} }), "o", "t").deleted,
      true,
    );
});

test("items of an unexpected shape are refused with the field named", () => {
  const bad: [string, RegExp][] = [
    ["not json", /not JSON/],
    [sample({ accountId: "12" }), /accountId "12"/],
    [sample({ resourceName: undefined }), /resourceName is missing/],
    [sample({ configurationItemCaptureTime: "yesterday" }), /configurationItemCaptureTime/],
    [
      sample({ supplementaryConfiguration: { ServerSideEncryptionConfiguration: { rules: "x" } } }),
      /rules is not a list/,
    ],
    [sample({ supplementaryConfiguration: { BucketVersioningConfiguration: { status: "Maybe" } } }), /Maybe/],
  ];
  for (const [row, message] of bad)
    assert.throws(
      () => parseItem(row, "o", "t"),
      (e) => e instanceof ItemShapeError && message.test(e.message),
    );
});

test("queries: one partition per account × region, changes by capture time; values are checked before use", () => {
  assert.match(
    partitionQuery("111122223333", "eu-west-1"),
    /WHERE resourceType = 'AWS::S3::Bucket' AND accountId = '111122223333' AND awsRegion = 'eu-west-1'$/,
  );
  assert.match(
    changedSinceQuery("2026-11-30T08:00:00.000Z"),
    /configurationItemCaptureTime > '2026-11-30T08:00:00.000Z'$/,
  );
  assert.throws(() => partitionQuery("1' OR '1'='1", "eu-west-1"), /refusing/);
  assert.deepEqual(parsePartition('{"accountId":"111122223333","awsRegion":"eu-west-1","COUNT(*)":12}'), {
    account: "111122223333",
    region: "eu-west-1",
    count: 12,
  });
  assert.throws(() => parsePartition('{"accountId":"1"}'), /unexpected shape/);
});
