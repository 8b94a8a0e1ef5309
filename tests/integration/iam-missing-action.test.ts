import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { bucketPageSchema } from "@/lib/contracts/bucket-list";
import { bucketDetailSchema } from "@/lib/contracts/inventory";
import { apiRequest, jsonOf, routeContext, scanInventoryNow } from "./helpers";
import { iamEnforcedMoto, policyDocument, without } from "./iam-enforced-moto";
import { iamBuckets, iamKeyAlias, seedIamScenario } from "./iam-setup";

// The read-only policy minus one action the inventory needs. moto authorises S3 bucket
// sub-resources it has no mapping for (?encryption, ?replication) as s3:ListBucket, so the
// removed action is one it does enforce under its real name: s3:GetBucketVersioning.
const missing = "s3:GetBucketVersioning";
const moto = await iamEnforcedMoto(without(policyDocument("read-only"), missing), seedIamScenario);
after(() => moto.stop());
Object.assign(process.env, moto.credentials, {
  AWS_ENDPOINT_URL: moto.url,
  CONSOLE_DATA_DIR: mkdtempSync(path.join(tmpdir(), "bkc-iam-miss-")),
});

const bucketsRoute = await import("@/app/api/buckets/route");
const bucketRoute = await import("@/app/api/buckets/[name]/route");

test("each bucket row names the missing action, and everything else on the row is still read", async () => {
  await scanInventoryNow();
  const res = await bucketsRoute.GET(apiRequest("/api/buckets?limit=500"), routeContext());
  // One denied action never fails the whole page: 200, with the error on the row.
  const inventory = await jsonOf(res, bucketPageSchema);
  const kms = inventory.buckets.find((b) => b.name === iamBuckets.kms);
  assert.equal(kms?.error?.code, "access_denied");
  assert.match(kms?.error?.message ?? "", new RegExp(`not allowed ${missing} on ${iamBuckets.kms}`));
  assert.equal(kms?.versioning, null, "the part that could not be read is unknown, not guessed");
  assert.equal(kms?.encryption?.type, "SSE-KMS");
  assert.equal(kms?.encryption?.kmsKeyAlias, iamKeyAlias);
  assert.equal(kms?.region, "us-east-1");
});

test("the bucket detail names the missing action and still shows the encryption and key", async () => {
  const res = await bucketRoute.GET(
    apiRequest(`/api/buckets/${iamBuckets.kms}`),
    routeContext({ name: iamBuckets.kms }),
  );
  const detail = await jsonOf(res, bucketDetailSchema);
  assert.match(detail.bucket.error?.message ?? "", new RegExp(missing));
  assert.equal(detail.bucket.encryption?.type, "SSE-KMS");
  assert.equal(detail.key?.alias, iamKeyAlias);
  assert.equal(detail.keyError, null);
});
