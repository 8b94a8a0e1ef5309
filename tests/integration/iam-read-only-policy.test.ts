import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { currentEncryptionSchema, kmsKeysSchema } from "@/lib/contracts/encryption";
import { healthSchema } from "@/lib/contracts/health";
import { bucketPageSchema } from "@/lib/contracts/bucket-list";
import { bucketDetailSchema } from "@/lib/contracts/inventory";
import { apiRequest, errorOf, jsonOf, routeContext, scanInventoryNow } from "./helpers";
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
  const inventory = await jsonOf(res, bucketPageSchema);
  const byName = new Map(inventory.buckets.map((b) => [b.name, b]));
  for (const name of Object.values(iamBuckets)) assert.equal(byName.get(name)?.error, null, name);
  const kms = byName.get(iamBuckets.kms);
  assert.equal(kms?.encryption?.type, "SSE-KMS");
  assert.equal(kms?.encryption?.kmsKeyAlias, iamKeyAlias);
  assert.equal(kms?.encryption?.bucketKeyEnabled, true);
  assert.equal(kms?.versioning, "Enabled");
  assert.equal(byName.get(iamBuckets.sses3)?.encryption?.type, "SSE-S3");
});

test("with the read-only policy the bucket detail, its key, the key list and health work", async () => {
  const detail = await jsonOf(
    await bucketRoute.GET(apiRequest(`/api/buckets/${iamBuckets.kms}`), routeContext({ name: iamBuckets.kms })),
    bucketDetailSchema,
  );
  assert.equal(detail.bucket.error, null);
  assert.equal(detail.keyError, null);
  assert.equal(detail.key?.alias, iamKeyAlias);
  const keys = await jsonOf(
    await keysRoute.GET(apiRequest("/api/kms/keys?region=us-east-1"), routeContext()),
    kmsKeysSchema,
  );
  assert.ok(keys.keys.some((k) => k.alias === iamKeyAlias));
  const health = await jsonOf(await healthRoute.GET(apiRequest("/api/health"), routeContext()), healthSchema);
  assert.equal(health.ok, true);
  assert.match(health.identity?.arn ?? "", /user\/console$/);
});

test("with the read-only policy a change is refused by AWS and the answer names the missing action", async () => {
  const current = await jsonOf(
    await encryptionRoute.GET(
      apiRequest(`/api/buckets/${iamBuckets.sses3}/encryption`),
      routeContext({ name: iamBuckets.sses3 }),
    ),
    currentEncryptionSchema,
  );
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
  assert.match((await errorOf(res, 403, "access_denied")).message, /s3:PutEncryptionConfiguration/);
});
