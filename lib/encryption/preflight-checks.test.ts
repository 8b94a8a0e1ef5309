import assert from "node:assert/strict";
import { test } from "node:test";
import { objectContextStatements, runPreflightChecks } from "./preflight-checks";
import type { PreflightFacts } from "./preflight-facts";

const account = "111122223333";
const keyArn = `arn:aws:kms:us-east-1:${account}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const orders = { kmsKeyArn: keyArn, kmsKeyAlias: "alias/orders", kmsKeyReference: "alias/orders", kmsKeyProblem: null };
const noKey = { kmsKeyArn: null, kmsKeyAlias: null, kmsKeyReference: null, kmsKeyProblem: null };
const rootPolicy = JSON.stringify({
  Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" }],
});

function facts(overrides: Partial<PreflightFacts> = {}): PreflightFacts {
  return {
    bucket: "orders",
    region: "us-east-1",
    account,
    current: { type: "SSE-KMS", ...orders, bucketKeyEnabled: false },
    proposed: { type: "SSE-KMS", ...orders, bucketKeyEnabled: true },
    key: {
      arn: keyArn,
      alias: "alias/orders",
      state: "Enabled",
      spec: "SYMMETRIC_DEFAULT",
      usage: "ENCRYPT_DECRYPT",
      manager: "CUSTOMER",
      region: "us-east-1",
    },
    keyPolicy: { policy: rootPolicy },
    bucketPolicy: { policy: null },
    replication: [],
    hasObjects: false,
    usage: null,
    ...overrides,
  };
}

const status = (f: PreflightFacts) => Object.fromEntries(runPreflightChecks(f).map((c) => [c.id, c.status]));
const message = (f: PreflightFacts, id: string) => runPreflightChecks(f).find((c) => c.id === id)!.message;

test("enabling a Bucket Key on a healthy, empty bucket passes every check", () => {
  assert.deepEqual(status(facts()), {
    "no-change": "pass",
    key: "pass",
    "key-policy": "pass",
    "encryption-context": "pass",
    replication: "pass",
    "existing-objects": "pass",
    "request-rate": "pass",
    saving: "pass",
  });
});

test("keys that cannot serve fail, with the reason", () => {
  const disabled = facts({ key: { ...(facts().key as object), state: "Disabled" } as PreflightFacts["key"] });
  assert.equal(status(disabled).key, "fail");
  assert.match(message(disabled, "key"), /Disabled: S3 cannot encrypt/);
  const asymmetric = facts({ key: { ...(facts().key as object), spec: "RSA_2048" } as PreflightFacts["key"] });
  assert.match(message(asymmetric, "key"), /RSA_2048 is asymmetric/);
  const elsewhere = facts({ key: { ...(facts().key as object), region: "eu-west-1" } as PreflightFacts["key"] });
  assert.match(message(elsewhere, "key"), /In eu-west-1: S3 needs a key in the bucket's region \(us-east-1\)/);
  assert.equal(status(facts({ key: { error: "denied" } })).key, "fail");
});

test("moto leaves KeyUsage out: unknown is not unusable, and is said", () => {
  const f = facts({ key: { ...(facts().key as object), usage: null } as PreflightFacts["key"] });
  assert.equal(status(f).key, "pass");
  assert.match(message(f, "key"), /did not report the key usage/);
});

test("a key policy that does not let the account use the key warns; an unreadable one too", () => {
  const narrow = JSON.stringify({
    Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::999999999999:root" }, Action: "kms:*" }],
  });
  assert.equal(status(facts({ keyPolicy: { policy: narrow } }))["key-policy"], "warn");
  assert.match(
    message(facts({ keyPolicy: { policy: narrow } }), "key-policy"),
    /does not grant kms:GenerateDataKey and kms:Decrypt/,
  );
  const decryptOnly = JSON.stringify({
    Statement: [{ Effect: "Allow", Principal: { AWS: account }, Action: ["kms:Decrypt"] }],
  });
  assert.match(
    message(facts({ keyPolicy: { policy: decryptOnly } }), "key-policy"),
    /does not grant kms:GenerateDataKey to/,
  );
  assert.equal(status(facts({ keyPolicy: { error: "AccessDenied" } }))["key-policy"], "warn");
});

test("object-ARN encryption-context conditions warn and show the statement", () => {
  const statement = {
    Sid: "OnlyInvoices",
    Effect: "Allow",
    Principal: { AWS: account },
    Action: "kms:Decrypt",
    Condition: { StringLike: { "kms:EncryptionContext:aws:s3:arn": "arn:aws:s3:::orders/invoices/*" } },
  };
  const keyPolicy = JSON.stringify({ Statement: [JSON.parse(rootPolicy).Statement[0], statement] });
  const f = facts({ keyPolicy: { policy: keyPolicy } });
  assert.equal(status(f)["encryption-context"], "warn");
  const check = runPreflightChecks(f).find((c) => c.id === "encryption-context")!;
  assert.deepEqual(check.evidence, [{ in: "key policy", statement }]);
  const bucketLevel = JSON.stringify({
    Statement: [
      { ...statement, Condition: { StringEquals: { "kms:EncryptionContext:aws:s3:arn": "arn:aws:s3:::orders" } } },
    ],
  });
  assert.deepEqual(objectContextStatements(bucketLevel, "orders"), [], "a bucket-ARN condition keeps matching");
  assert.equal(
    status(facts({ keyPolicy: { policy: keyPolicy }, current: facts().proposed }))["encryption-context"],
    "pass",
    "no warning when the Bucket Key is already on",
  );
});

test("replication, existing objects and per-object KMS requests warn with what to expect", () => {
  const replicating = facts({
    replication: [
      {
        id: "to-eu",
        status: "Enabled",
        prefix: null,
        destinationBucket: "replica",
        destinationRegion: "eu-west-1",
        replicatesSseKms: false,
        replicaKmsKeyId: null,
      },
    ],
  });
  assert.match(message(replicating, "replication"), /SSE-KMS objects are NOT replicated/);
  const unreadable = facts({ replication: { error: "Access denied: … s3:GetReplicationConfiguration …" } });
  assert.equal(
    status(unreadable).replication,
    "warn",
    "an unreadable configuration is never reported as no replication",
  );
  assert.match(message(unreadable, "replication"), /could not be read.*s3:GetReplicationConfiguration/);
  assert.equal(status(facts({ hasObjects: true }))["existing-objects"], "warn");
  const noBucketKey = facts({
    proposed: { ...facts().proposed, bucketKeyEnabled: false },
    current: { type: "SSE-S3", ...noKey, bucketKeyEnabled: false },
  });
  assert.equal(status(noBucketKey)["request-rate"], "warn");
  assert.match(message(noBucketKey, "request-rate"), /No usage data for this bucket yet/);
  const keyArn = "arn:aws:kms:us-east-1:123456789012:key/k1";
  const headroom = (peakPerSecond: number, projectedPeakPerSecond: number) => ({
    keyArn,
    alias: "alias/orders",
    region: "us-east-1",
    peakPerSecond,
    peakAt: "2026-03-02T15:07:00.000Z",
    projectedPeakPerSecond,
    quotaPerSecond: 100_000,
    quotaSource: "default" as const,
    share: peakPerSecond / 100_000,
    projectedShare: projectedPeakPerSecond / 100_000,
  });
  const usage = (peak: number, projected: number) => ({
    peakObjectRequestsPerSecond: 12.5,
    peakAt: "2026-03-02T15:07:00.000Z",
    monthlySavingUsd: 42.1,
    method: "projected",
    headroom: [headroom(peak, projected)],
  });
  // The bucket's figure replaces the generic warning: a small share of the quota passes, with the numbers.
  const withUsage = facts({ ...noBucketKey, usage: usage(20, 0.1) });
  assert.equal(status(withUsage)["request-rate"], "pass");
  assert.match(
    message(withUsage, "request-rate"),
    /busiest minute made 12.5 object-level KMS requests a second \(2026-03-02 15:07 UTC\)/,
  );
  assert.match(
    message(withUsage, "request-rate"),
    /Its key alias\/orders \(arn:aws:kms:us-east-1:123456789012:key\/k1\)/,
  );
  assert.match(
    message(withUsage, "request-rate"),
    /busiest minute 20\/s across all buckets.*0.02 % of the region's shared quota of 100,000\/s \(KMS developer guide\)/,
  );
  assert.match(
    message(withUsage, "request-rate"),
    /With Bucket Keys on the buckets using it, about 0.1\/s \(under 0.001 %\)/,
  );
  assert.match(message(withUsage, "saving"), /USD 42.10 a month \(projected\)/);
  // Over half the quota warns; with a Bucket Key proposed it is the projected share that counts.
  assert.equal(status(facts({ ...noBucketKey, usage: usage(60_000, 100) }))["request-rate"], "warn");
  assert.equal(status(facts({ usage: usage(60_000, 100) }))["request-rate"], "pass");
  assert.equal(status(facts({ usage: usage(90_000, 70_000) }))["request-rate"], "warn");
});

test("proposing exactly the current configuration fails: nothing to save", () => {
  assert.equal(status(facts({ current: facts().proposed }))["no-change"], "fail");
});
