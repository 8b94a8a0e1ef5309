import assert from "node:assert/strict";
import { test } from "node:test";
import { PutBucketEncryptionCommand } from "@aws-sdk/client-s3";
import { CreateAliasCommand, CreateKeyCommand, DeleteAliasCommand } from "@aws-sdk/client-kms";
import { bucketPageSchema } from "@/lib/contracts/bucket-list";
import { currentEncryptionSchema, kmsKeysSchema, preflightResultSchema } from "@/lib/contracts/encryption";
import { bucketDetailSchema } from "@/lib/contracts/inventory";
import {
  apiRequest,
  createBucket,
  jsonOf,
  routeContext,
  scanInventoryNow,
  testKms,
  testS3,
  uniqueName,
} from "./helpers";

// KMS aliases are listed once per region and shared for 30 s (lib/kms/alias-index.ts). These
// tests change aliases behind the console's back, as someone in the KMS console or Terraform
// would, right after the console listed them, and read the buckets again at once.
const bucketsRoute = await import("@/app/api/buckets/route");
const bucketRoute = await import("@/app/api/buckets/[name]/route");
const encryptionRoute = await import("@/app/api/buckets/[name]/encryption/route");
const preflightRoute = await import("@/app/api/buckets/[name]/encryption/preflight/route");
const keysRoute = await import("@/app/api/kms/keys/route");

const kms = testKms();
const account = "123456789012";

/** The bucket's row after a full scan (Rescan) of the inventory store. */
async function inventoryRow(name: string) {
  await scanInventoryNow();
  const page = await jsonOf(
    await bucketsRoute.GET(apiRequest(`/api/buckets?q=${name}`), routeContext()),
    bucketPageSchema,
  );
  const row = page.buckets.find((b) => b.name === name);
  assert.ok(row, `${name} is in the inventory`);
  return row;
}
const detail = async (name: string) =>
  jsonOf(await bucketRoute.GET(apiRequest(`/api/buckets/${name}`), routeContext({ name })), bucketDetailSchema);
const wizardCurrent = async (name: string) =>
  jsonOf(
    await encryptionRoute.GET(apiRequest(`/api/buckets/${name}/encryption`), routeContext({ name })),
    currentEncryptionSchema,
  );
/** Lists keys and aliases as the wizard does: the shared alias listing is then fresh and in use. */
const listKeys = async () =>
  jsonOf(await keysRoute.GET(apiRequest("/api/kms/keys?region=us-east-1"), routeContext()), kmsKeysSchema);

async function newKey(alias?: string): Promise<{ arn: string; keyId: string }> {
  const m = (await kms.send(new CreateKeyCommand({ Description: "key-resolution test" }))).KeyMetadata!;
  if (alias) await kms.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: m.KeyId! }));
  return { arn: m.Arn!, keyId: m.KeyId! };
}

async function bucketNaming(label: string, keyId: string): Promise<string> {
  const name = uniqueName(label);
  await createBucket(name);
  await testS3().send(
    new PutBucketEncryptionCommand({
      Bucket: name,
      ServerSideEncryptionConfiguration: {
        Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: keyId } }],
      },
    }),
  );
  return name;
}

test("an alias made right after a listing resolves to its key in the inventory and on the bucket page", async () => {
  await listKeys();
  const alias = `alias/${uniqueName("fresh")}`;
  const key = await newKey(alias);
  const byAlias = await bucketNaming("by-alias", alias);
  const byArn = await bucketNaming("by-arn", key.arn);

  const expected = {
    type: "SSE-KMS",
    kmsKeyArn: key.arn,
    kmsKeyAlias: alias,
    kmsKeyReference: alias,
    kmsKeyProblem: null,
    bucketKeyEnabled: false,
  };
  assert.deepEqual((await inventoryRow(byAlias)).encryption, expected, "the key's ARN, never the alias ARN");
  const page = await detail(byAlias);
  assert.deepEqual(page.bucket.encryption, expected);
  assert.equal(page.key?.arn, key.arn);
  assert.equal(page.key?.state, "Enabled");
  assert.deepEqual((await inventoryRow(byArn)).encryption, { ...expected, kmsKeyReference: key.arn });
});

test("the wizard resolves an alias made a moment ago: current setting, key list and a typed alias", async () => {
  await listKeys();
  const alias = `alias/${uniqueName("wizard")}`;
  const key = await newKey(alias);
  const bucket = await bucketNaming("wizard", alias);

  const current = await wizardCurrent(bucket);
  assert.equal(current.encryption.kmsKeyArn, key.arn);
  assert.equal(current.encryption.kmsKeyAlias, alias);
  assert.equal(current.encryption.kmsKeyProblem, null);

  const listed = (await listKeys()).keys.find((k: { keyId: string }) => k.keyId === key.keyId);
  assert.equal(listed?.alias, alias, "the new key is listed by its alias, not as 'No alias'");

  const typedAlias = `alias/${uniqueName("typed")}`;
  const typedKey = await newKey(typedAlias);
  const res = await preflightRoute.POST(
    apiRequest(`/api/buckets/${bucket}/encryption/preflight`, {
      method: "POST",
      body: { config: { type: "SSE-KMS", kmsKeyId: typedAlias, bucketKeyEnabled: true } },
    }),
    routeContext({ name: bucket }),
  );
  const review = await jsonOf(res, preflightResultSchema);
  assert.equal(review.proposed.kmsKeyArn, typedKey.arn);
  assert.equal(review.proposed.kmsKeyAlias, typedAlias);
  assert.equal(review.checks.find((c) => c.id === "key")?.status, "pass");
  assert.equal(review.putConfiguration.Rules?.[0]?.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID, typedKey.arn);
});

test("a bucket naming a deleted alias: no key ARN, the reference as written, and the warning everywhere", async () => {
  const alias = `alias/${uniqueName("deleted")}`;
  await newKey(alias);
  const bucket = await bucketNaming("deleted", alias);
  await kms.send(new DeleteAliasCommand({ AliasName: alias }));

  const expected = {
    type: "SSE-KMS",
    kmsKeyArn: null,
    kmsKeyAlias: null,
    kmsKeyReference: alias,
    kmsKeyProblem: {
      code: "not_found",
      message: `The bucket names ${alias}, which does not exist in us-east-1 — new objects will fail to encrypt.`,
    },
    bucketKeyEnabled: false,
  };
  const row = await inventoryRow(bucket);
  assert.deepEqual(row.encryption, expected);
  assert.equal(row.error, null, "a misconfiguration, not a read failure");
  assert.equal(row.candidate, false, "a bucket whose writes fail saves nothing with a Bucket Key");
  const page = await detail(bucket);
  assert.deepEqual(page.bucket.encryption, expected);
  assert.equal(page.key, null);
  assert.deepEqual((await wizardCurrent(bucket)).encryption, expected);
  // A deleted alias stays deleted: a second read within the listing's 30 s says the same.
  assert.deepEqual((await wizardCurrent(bucket)).encryption, expected);
});

test("a key of another account that cannot be described, or of another region, is named as written", async () => {
  const foreign = "arn:aws:kms:us-east-1:999999999999:key/0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9";
  const foreignBucket = await bucketNaming("foreign", foreign);
  const row = await inventoryRow(foreignBucket);
  assert.equal(row.encryption?.kmsKeyArn, null);
  assert.equal(row.encryption?.kmsKeyReference, foreign);
  // moto answers NotFound for a key id it does not hold; AWS answers AccessDenied where the key's
  // policy does not let this account describe it, which gets its own sentence.
  assert.equal(
    row.encryption?.kmsKeyProblem?.message,
    `The bucket names ${foreign}, which does not exist — new objects will fail to encrypt.`,
  );

  const elsewhere = `arn:aws:kms:eu-west-1:${account}:key/0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9`;
  const elsewhereBucket = await bucketNaming("elsewhere", elsewhere);
  const page = await detail(elsewhereBucket);
  assert.equal(page.bucket.encryption?.kmsKeyArn, elsewhere, "a key ARN is a key ARN, wherever the key is");
  assert.deepEqual(page.bucket.encryption?.kmsKeyProblem, {
    code: "wrong_region",
    message: `The bucket names ${elsewhere}, a key in eu-west-1, but the bucket is in us-east-1 — new objects will fail to encrypt.`,
  });
});
