import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { before, test } from "node:test";
import {
  GetBucketEncryptionCommand,
  HeadObjectCommand,
  PutBucketEncryptionCommand,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { CreateAliasCommand, CreateKeyCommand, DisableKeyCommand } from "@aws-sdk/client-kms";
import {
  applyResultSchema,
  changesSchema,
  currentEncryptionSchema,
  kmsKeysSchema,
  preflightResultSchema,
} from "@/lib/contracts/encryption";
import { apiRequest, createBucket, errorOf, jsonOf, routeContext, testKms, testS3, uniqueName } from "./helpers";

process.env.CONSOLE_DATA_DIR = mkdtempSync(path.join(tmpdir(), "bkc-wizard-"));
const encryptionRoute = await import("@/app/api/buckets/[name]/encryption/route");
const preflightRoute = await import("@/app/api/buckets/[name]/encryption/preflight/route");
const rollbackRoute = await import("@/app/api/changes/[id]/rollback/route");
const changesRoute = await import("@/app/api/changes/route");
const keysRoute = await import("@/app/api/kms/keys/route");

let keyArn = "";
let disabledKeyArn = "";
const alias = `alias/${uniqueName("wizard")}`;

before(async () => {
  const kms = testKms();
  const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
  keyArn = key.Arn!;
  await kms.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: key.KeyId! }));
  const disabled = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
  disabledKeyArn = disabled.Arn!;
  await kms.send(new DisableKeyCommand({ KeyId: disabled.KeyId! }));
});

async function current(bucket: string) {
  const res = await encryptionRoute.GET(
    apiRequest(`/api/buckets/${bucket}/encryption`),
    routeContext({ name: bucket }),
  );
  return jsonOf(res, currentEncryptionSchema);
}

function put(bucket: string, body: unknown, headers: Record<string, string> = {}) {
  return encryptionRoute.PUT(
    apiRequest(`/api/buckets/${bucket}/encryption`, { method: "PUT", body, headers }),
    routeContext({ name: bucket }),
  );
}

async function candidateBucket(): Promise<string> {
  const bucket = uniqueName("cand");
  await createBucket(bucket);
  await testS3().send(
    new PutBucketEncryptionCommand({
      Bucket: bucket,
      ServerSideEncryptionConfiguration: {
        Rules: [
          {
            ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: keyArn },
            BucketKeyEnabled: false,
          },
        ],
      },
    }),
  );
  await testS3().send(new PutObjectCommand({ Bucket: bucket, Key: "old.txt", Body: "old" }));
  return bucket;
}

const enableBucketKey = { type: "SSE-KMS", kmsKeyId: alias, bucketKeyEnabled: true };
const warnings = ["existing-objects", "replication", "encryption-context", "request-rate", "key-policy"];

test("review, apply and verify: the alias is stored as the key ARN and new objects use the Bucket Key", async () => {
  const bucket = await candidateBucket();
  const before = await current(bucket);
  assert.equal(before.encryption.bucketKeyEnabled, false);

  const review = await preflightRoute.POST(
    apiRequest(`/api/buckets/${bucket}/encryption/preflight`, { method: "POST", body: { config: enableBucketKey } }),
    routeContext({ name: bucket }),
  );
  const r = await jsonOf(review, preflightResultSchema);
  assert.deepEqual(r.proposed, {
    type: "SSE-KMS",
    kmsKeyArn: keyArn,
    kmsKeyAlias: alias,
    kmsKeyReference: alias,
    kmsKeyProblem: null,
    bucketKeyEnabled: true,
  });
  const byId = Object.fromEntries(r.checks.map((c) => [c.id, c.status]));
  assert.equal(byId.key, "pass");
  assert.equal(byId["no-change"], "pass");
  assert.equal(byId["existing-objects"], "warn", "the bucket has an object written before the change");
  assert.equal(byId["request-rate"], "pass");
  assert.match(r.code.cli, new RegExp(`--bucket ${bucket}`));
  assert.match(r.code.terraform, /bucket_key_enabled = true/);
  assert.match(r.code.cloudformation, /BucketKeyEnabled: true/);

  const res = await put(bucket, {
    config: enableBucketKey,
    expectedVersion: before.version,
    acknowledgedWarnings: warnings,
  });
  const body = await jsonOf(res, applyResultSchema);
  assert.equal(body.verified, true);
  assert.equal(body.change.result, "applied");

  const s3 = testS3();
  const stored = await s3.send(new GetBucketEncryptionCommand({ Bucket: bucket }));
  const rule = stored.ServerSideEncryptionConfiguration!.Rules![0]!;
  assert.equal(
    rule.ApplyServerSideEncryptionByDefault!.KMSMasterKeyID,
    keyArn,
    "S3 holds the full key ARN, not the alias",
  );
  assert.equal(rule.BucketKeyEnabled, true);
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "new.txt", Body: "new" }));
  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "new.txt" }));
  assert.equal(head.ServerSideEncryption, "aws:kms");
  assert.equal(head.BucketKeyEnabled, true);
});

test("a configuration changed since review is refused with 409 and the current state", async () => {
  const bucket = await candidateBucket();
  const reviewed = await current(bucket);
  await testS3().send(
    new PutBucketEncryptionCommand({
      Bucket: bucket,
      ServerSideEncryptionConfiguration: {
        Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }],
      },
    }),
  );
  const res = await put(bucket, {
    config: enableBucketKey,
    expectedVersion: reviewed.version,
    acknowledgedWarnings: warnings,
  });
  const error = await errorOf(res, 409, "conflict");
  assert.match(error.message, /changed since you reviewed it/);
  // The wizard shows the configuration it now finds: details.current is the GET …/encryption contract.
  const now = currentEncryptionSchema.parse((error.details as { current?: unknown }).current);
  assert.equal(now.encryption.type, "SSE-S3");
  const stored = await testS3().send(new GetBucketEncryptionCommand({ Bucket: bucket }));
  assert.equal(
    stored.ServerSideEncryptionConfiguration!.Rules![0]!.ApplyServerSideEncryptionByDefault!.SSEAlgorithm,
    "AES256",
    "the other edit was not overwritten",
  );
});

test("failed checks and unacknowledged warnings answer 422 and change nothing", async () => {
  const bucket = await candidateBucket();
  const { version } = await current(bucket);
  const disabled = await put(bucket, {
    config: { type: "SSE-KMS", kmsKeyId: disabledKeyArn, bucketKeyEnabled: true },
    expectedVersion: version,
    acknowledgedWarnings: warnings,
  });
  assert.match(
    (await errorOf(disabled, 422, "check_failed")).message,
    /Disabled: S3 cannot encrypt with a key that is not enabled/,
  );

  const unacknowledged = await put(bucket, {
    config: enableBucketKey,
    expectedVersion: version,
    acknowledgedWarnings: [],
  });
  assert.match((await errorOf(unacknowledged, 422, "check_failed")).message, /acknowledge the warnings/);

  const otherRegion = await put(bucket, {
    config: { type: "SSE-KMS", kmsKeyId: keyArn.replace("us-east-1", "eu-west-1"), bucketKeyEnabled: true },
    expectedVersion: version,
  });
  assert.match(
    (await errorOf(otherRegion, 422, "check_failed")).message,
    /key is in eu-west-1 but the bucket is in us-east-1/,
  );

  const unknownAlias = await put(bucket, {
    config: { type: "SSE-KMS", kmsKeyId: "alias/does-not-exist-anywhere", bucketKeyEnabled: true },
    expectedVersion: version,
  });
  assert.match((await errorOf(unknownAlias, 422, "check_failed")).message, /No KMS key alias\/does-not-exist-anywhere/);

  assert.equal((await current(bucket)).version, version, "the bucket is as it was");
});

test("bad input is refused with 400 and a sentence that says why", async () => {
  const bucket = await candidateBucket();
  const { version } = await current(bucket);
  const cases: [unknown, RegExp][] = [
    [
      { config: { type: "DSSE-KMS", kmsKeyId: keyArn, bucketKeyEnabled: true }, expectedVersion: version },
      /not supported with DSSE-KMS/,
    ],
    [
      {
        config: { type: "SSE-KMS", kmsKeyId: "arn:aws:kms:us-east-1:12:key/x", bucketKeyEnabled: true },
        expectedVersion: version,
      },
      /Not a KMS key ARN/,
    ],
    [
      { config: { type: "SSE-KMS", kmsKeyId: null, bucketKeyEnabled: true }, expectedVersion: version },
      /needs a KMS key/,
    ],
    [{ config: enableBucketKey, expectedVersion: version, admin: true }, /unknown field\(s\) admin/],
    [{ config: enableBucketKey, expectedVersion: "latest" }, /expectedVersion/],
    ["{not json", /not valid JSON/],
  ];
  for (const [body, message] of cases) {
    assert.match((await errorOf(await put(bucket, body), 400, "invalid_input")).message, message);
  }
  const huge = await put(bucket, {
    config: enableBucketKey,
    expectedVersion: version,
    acknowledgedWarnings: ["x".repeat(20_000)],
  });
  assert.match((await errorOf(huge, 413, "payload_too_large")).message, /larger than 16384 bytes/);
});

test("cross-origin requests are refused before anything happens", async () => {
  const bucket = await candidateBucket();
  const { version } = await current(bucket);
  const crossOrigin = await put(
    bucket,
    { config: enableBucketKey, expectedVersion: version, acknowledgedWarnings: warnings },
    { origin: "https://evil.example" },
  );
  assert.match((await errorOf(crossOrigin, 403, "forbidden_origin")).message, /origin https:\/\/evil\.example/);
  const crossSite = await put(
    bucket,
    { config: enableBucketKey, expectedVersion: version, acknowledgedWarnings: warnings },
    { "sec-fetch-site": "cross-site" },
  );
  assert.match((await errorOf(crossSite, 403, "forbidden_origin")).message, /Cross-origin request refused/);
  assert.equal((await current(bucket)).version, version);
});

test("rollback restores the previous configuration once, and only while nothing newer happened", async () => {
  const bucket = await candidateBucket();
  const before = await current(bucket);
  const applied = await jsonOf(
    await put(bucket, { config: enableBucketKey, expectedVersion: before.version, acknowledgedWarnings: warnings }),
    applyResultSchema,
  );
  const id = applied.change.id;

  const history = await jsonOf(
    await changesRoute.GET(apiRequest(`/api/changes?bucket=${bucket}`), routeContext()),
    changesSchema,
  );
  const latest = history.changes[0]!;
  assert.equal(latest.id, id);
  assert.match(latest.actor, /^arn:aws:/);
  assert.equal(latest.before.bucketKeyEnabled, false);
  assert.equal(latest.after.bucketKeyEnabled, true);
  assert.deepEqual(latest.afterRaw, applied.current.raw, "the history keeps the configuration S3 stored");

  const rolledBack = await rollbackRoute.POST(
    apiRequest(`/api/changes/${id}/rollback`, { method: "POST" }),
    routeContext({ id: String(id) }),
  );
  const body = await jsonOf(rolledBack, applyResultSchema);
  assert.equal(body.change.kind, "rollback");
  assert.equal((await current(bucket)).version, before.version, "exactly the configuration before the change");

  const again = await rollbackRoute.POST(
    apiRequest(`/api/changes/${id}/rollback`, { method: "POST" }),
    routeContext({ id: String(id) }),
  );
  assert.match((await errorOf(again, 409, "conflict")).message, /already rolled back/);

  const missing = await rollbackRoute.POST(
    apiRequest(`/api/changes/999999/rollback`, { method: "POST" }),
    routeContext({ id: "999999" }),
  );
  assert.match((await errorOf(missing, 404, "not_found")).message, /No change #999999/);
});

test("the key list greys out keys that cannot serve, with the reason", async () => {
  const res = await keysRoute.GET(apiRequest("/api/kms/keys?region=us-east-1"), routeContext());
  const { region, keys } = await jsonOf(res, kmsKeysSchema);
  assert.equal(region, "us-east-1");
  const disabled = keys.find((k) => k.arn === disabledKeyArn);
  assert.equal(disabled?.usable, false);
  assert.match(disabled?.reason ?? "", /Disabled/);
  const usable = keys.find((k) => k.arn === keyArn);
  assert.equal(usable?.usable, true);
  assert.equal(usable?.alias, alias);
  const bad = await keysRoute.GET(apiRequest("/api/kms/keys?region=mars-1"), routeContext());
  assert.match((await errorOf(bad, 400, "invalid_input")).message, /region: must be an AWS region/);
});
