import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { apiRequest, routeContext, scanInventoryNow } from "./helpers";
import { iamEnforcedMoto, policyDocument } from "./iam-enforced-moto";
import { iamBuckets, iamKeyAlias, seedIamScenario } from "./iam-setup";

// The console running as an IAM user with exactly docs/iam/read-only-policy.json, against
// moto with IAM enforcement on: every read works, every change is refused naming its action.
const moto = await iamEnforcedMoto(policyDocument("read-only"), seedIamScenario);
after(() => moto.stop());
Object.assign(process.env, moto.credentials, {
  AWS_ENDPOINT_URL: moto.url,
  CONSOLE_DATA_DIR: mkdtempSync(path.join(tmpdir(), "bkc-iam-ro-")),
});

const bucketsRoute = await import("@/app/api/buckets/route");
const bucketRoute = await import("@/app/api/buckets/[name]/route");
const encryptionRoute = await import("@/app/api/buckets/[name]/encryption/route");
const keysRoute = await import("@/app/api/kms/keys/route");
const healthRoute = await import("@/app/api/health/route");

test("with the read-only policy the inventory reads every bucket without an error", async () => {
  await scanInventoryNow();
  const res = await bucketsRoute.GET(apiRequest("/api/buckets?limit=500"), routeContext());
  assert.equal(res.status, 200);
  const inventory = await res.json();
  const byName = new Map(inventory.buckets.map((b: { name: string }) => [b.name, b]));
  for (const name of Object.values(iamBuckets))
    assert.equal((byName.get(name) as { error: unknown }).error, null, name);
  const kms = byName.get(iamBuckets.kms) as {
    encryption: { type: string; kmsKeyAlias: string; bucketKeyEnabled: boolean };
    versioning: string;
  };
  assert.equal(kms.encryption.type, "SSE-KMS");
  assert.equal(kms.encryption.kmsKeyAlias, iamKeyAlias);
  assert.equal(kms.encryption.bucketKeyEnabled, true);
  assert.equal(kms.versioning, "Enabled");
  assert.equal((byName.get(iamBuckets.sses3) as { encryption: { type: string } }).encryption.type, "SSE-S3");
});

test("with the read-only policy the bucket detail, its key, the key list and health work", async () => {
  const detail = await (
    await bucketRoute.GET(apiRequest(`/api/buckets/${iamBuckets.kms}`), routeContext({ name: iamBuckets.kms }))
  ).json();
  assert.equal(detail.bucket.error, null);
  assert.equal(detail.keyError, null);
  assert.equal(detail.key.alias, iamKeyAlias);
  const keys = await keysRoute.GET(apiRequest("/api/kms/keys?region=us-east-1"), routeContext());
  assert.equal(keys.status, 200);
  assert.ok((await keys.json()).keys.length >= 1);
  const health = await (await healthRoute.GET(apiRequest("/api/health"), routeContext())).json();
  assert.equal(health.ok, true);
  assert.match(health.identity.arn, /user\/console$/);
});

test("with the read-only policy a change is refused by AWS and the answer names the missing action", async () => {
  const current = await (
    await encryptionRoute.GET(
      apiRequest(`/api/buckets/${iamBuckets.sses3}/encryption`),
      routeContext({ name: iamBuckets.sses3 }),
    )
  ).json();
  const res = await encryptionRoute.PUT(
    apiRequest(`/api/buckets/${iamBuckets.sses3}/encryption`, {
      method: "PUT",
      body: {
        config: { type: "SSE-KMS", kmsKeyId: iamKeyAlias, bucketKeyEnabled: true },
        expectedVersion: current.version,
      },
    }),
    routeContext({ name: iamBuckets.sses3 }),
  );
  assert.equal(res.status, 403);
  const body = await res.json();
  assert.equal(body.error.code, "access_denied");
  assert.match(body.error.message, /s3:PutEncryptionConfiguration/);
});
