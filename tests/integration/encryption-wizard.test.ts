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
import { apiRequest, createBucket, routeContext, testKms, testS3, uniqueName } from "./helpers";

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
  assert.equal(res.status, 200);
  return res.json();
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
  assert.equal(review.status, 200);
  const r = await review.json();
  assert.deepEqual(r.proposed, {
    type: "SSE-KMS",
    kmsKeyArn: keyArn,
    kmsKeyAlias: alias,
    kmsKeyReference: alias,
    kmsKeyProblem: null,
    bucketKeyEnabled: true,
  });
  const byId = Object.fromEntries(r.checks.map((c: { id: string; status: string }) => [c.id, c.status]));
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
  const body = await res.json();
  assert.equal(res.status, 200, JSON.stringify(body));
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
  assert.equal(res.status, 409);
  const body = await res.json();
  assert.match(body.error.message, /changed since you reviewed it/);
  assert.equal(body.error.details.current.encryption.type, "SSE-S3");
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
  assert.equal(disabled.status, 422);
  assert.match((await disabled.json()).error.message, /Disabled: S3 cannot encrypt with a key that is not enabled/);

  const unacknowledged = await put(bucket, {
    config: enableBucketKey,
    expectedVersion: version,
    acknowledgedWarnings: [],
  });
  assert.equal(unacknowledged.status, 422);
  assert.match((await unacknowledged.json()).error.message, /acknowledge the warnings/);

  const otherRegion = await put(bucket, {
    config: { type: "SSE-KMS", kmsKeyId: keyArn.replace("us-east-1", "eu-west-1"), bucketKeyEnabled: true },
    expectedVersion: version,
  });
  assert.equal(otherRegion.status, 422);
  assert.match((await otherRegion.json()).error.message, /key is in eu-west-1 but the bucket is in us-east-1/);

  const unknownAlias = await put(bucket, {
    config: { type: "SSE-KMS", kmsKeyId: "alias/does-not-exist-anywhere", bucketKeyEnabled: true },
    expectedVersion: version,
  });
  assert.equal(unknownAlias.status, 422);
  assert.match((await unknownAlias.json()).error.message, /No KMS key alias\/does-not-exist-anywhere/);

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
    const res = await put(bucket, body);
    const json = await res.json();
    assert.equal(res.status, 400, JSON.stringify(json));
    assert.match(json.error.message, message);
  }
  const huge = await put(bucket, {
    config: enableBucketKey,
    expectedVersion: version,
    acknowledgedWarnings: ["x".repeat(20_000)],
  });
  assert.equal(huge.status, 413);
});

test("cross-origin requests are refused before anything happens", async () => {
  const bucket = await candidateBucket();
  const { version } = await current(bucket);
  const crossOrigin = await put(
    bucket,
    { config: enableBucketKey, expectedVersion: version, acknowledgedWarnings: warnings },
    { origin: "https://evil.example" },
  );
  assert.equal(crossOrigin.status, 403);
  assert.equal((await crossOrigin.json()).error.code, "forbidden_origin");
  const crossSite = await put(
    bucket,
    { config: enableBucketKey, expectedVersion: version, acknowledgedWarnings: warnings },
    { "sec-fetch-site": "cross-site" },
  );
  assert.equal(crossSite.status, 403);
  assert.equal((await current(bucket)).version, version);
});

test("rollback restores the previous configuration once, and only while nothing newer happened", async () => {
  const bucket = await candidateBucket();
  const before = await current(bucket);
  const applied = await (
    await put(bucket, { config: enableBucketKey, expectedVersion: before.version, acknowledgedWarnings: warnings })
  ).json();
  const id = applied.change.id;

  const history = await (await changesRoute.GET(apiRequest(`/api/changes?bucket=${bucket}`), routeContext())).json();
  assert.equal(history.changes[0].id, id);
  assert.match(history.changes[0].actor, /^arn:aws:/);
  assert.equal(history.changes[0].before.bucketKeyEnabled, false);
  assert.equal(history.changes[0].after.bucketKeyEnabled, true);

  const rolledBack = await rollbackRoute.POST(
    apiRequest(`/api/changes/${id}/rollback`, { method: "POST" }),
    routeContext({ id: String(id) }),
  );
  const body = await rolledBack.json();
  assert.equal(rolledBack.status, 200, JSON.stringify(body));
  assert.equal(body.change.kind, "rollback");
  assert.equal((await current(bucket)).version, before.version, "exactly the configuration before the change");

  const again = await rollbackRoute.POST(
    apiRequest(`/api/changes/${id}/rollback`, { method: "POST" }),
    routeContext({ id: String(id) }),
  );
  assert.equal(again.status, 409);
  assert.match((await again.json()).error.message, /already rolled back/);

  const missing = await rollbackRoute.POST(
    apiRequest(`/api/changes/999999/rollback`, { method: "POST" }),
    routeContext({ id: "999999" }),
  );
  assert.equal(missing.status, 404);
});

test("the key list greys out keys that cannot serve, with the reason", async () => {
  const res = await keysRoute.GET(apiRequest("/api/kms/keys?region=us-east-1"), routeContext());
  const { keys } = await res.json();
  const disabled = keys.find((k: { arn: string }) => k.arn === disabledKeyArn);
  assert.equal(disabled.usable, false);
  assert.match(disabled.reason, /Disabled/);
  const usable = keys.find((k: { arn: string }) => k.arn === keyArn);
  assert.equal(usable.usable, true);
  assert.equal(usable.alias, alias);
  const bad = await keysRoute.GET(apiRequest("/api/kms/keys?region=mars-1"), routeContext());
  assert.equal(bad.status, 400);
});
