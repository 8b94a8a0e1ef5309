import assert from "node:assert/strict";
import { before, test } from "node:test";
import {
  PutBucketEncryptionCommand,
  PutBucketReplicationCommand,
  PutBucketVersioningCommand,
} from "@aws-sdk/client-s3";
import { CreateAliasCommand, CreateKeyCommand } from "@aws-sdk/client-kms";
import { inventorySchema } from "@/lib/contracts/inventory";
import { apiRequest, createBucket, errorOf, jsonOf, routeContext, testKms, testS3, uniqueName } from "./helpers";

process.env.CONSOLE_INVENTORY_TTL_SECONDS = "60";
const { scanInventory, getInventory } = await import("@/lib/buckets/inventory");
const { getBucketDetail } = await import("@/lib/buckets/bucket-detail");
const bucketsRoute = await import("@/app/api/buckets/route");
const bucketRoute = await import("@/app/api/buckets/[name]/route");

const names = {
  none: uniqueName("none"),
  sses3: uniqueName("sses3"),
  kms: uniqueName("kms"),
  kmsBk: uniqueName("kmsbk"),
  managed: uniqueName("managed"),
  dsse: uniqueName("dsse"),
  replica: uniqueName("replica"),
};
const alias = `alias/${uniqueName("key")}`;
let keyArn = "";

before(async () => {
  const kms = testKms();
  const key = await kms.send(new CreateKeyCommand({ Description: "integration" }));
  keyArn = key.KeyMetadata!.Arn!;
  await kms.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: key.KeyMetadata!.KeyId! }));

  for (const n of [names.none, names.sses3, names.kms, names.kmsBk, names.managed, names.dsse]) await createBucket(n);
  await createBucket(names.replica, "eu-west-1");
  const s3 = testS3();
  const put = (
    Bucket: string,
    SSEAlgorithm: "AES256" | "aws:kms" | "aws:kms:dsse",
    KMSMasterKeyID?: string,
    BucketKeyEnabled = false,
  ) =>
    s3.send(
      new PutBucketEncryptionCommand({
        Bucket,
        ServerSideEncryptionConfiguration: {
          Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm, KMSMasterKeyID }, BucketKeyEnabled }],
        },
      }),
    );
  await put(names.sses3, "AES256");
  await put(names.kms, "aws:kms", alias);
  await put(names.kmsBk, "aws:kms", keyArn, true);
  await put(names.managed, "aws:kms");
  await put(names.dsse, "aws:kms:dsse", keyArn);
  for (const [b, s3c] of [
    [names.kms, s3],
    [names.replica, testS3("eu-west-1")],
  ] as const) {
    await s3c.send(new PutBucketVersioningCommand({ Bucket: b, VersioningConfiguration: { Status: "Enabled" } }));
  }
  await s3.send(
    new PutBucketReplicationCommand({
      Bucket: names.kms,
      ReplicationConfiguration: {
        Role: "arn:aws:iam::123456789012:role/replication",
        Rules: [
          {
            ID: "to-eu",
            Status: "Enabled",
            Priority: 1,
            Filter: { Prefix: "" },
            DeleteMarkerReplication: { Status: "Disabled" },
            Destination: { Bucket: `arn:aws:s3:::${names.replica}` },
          },
        ],
      },
    }),
  );
});

test("the scan reports every bucket's posture as configured", async () => {
  const inventory = await scanInventory();
  const byName = new Map(inventory.buckets.map((b) => [b.name, b]));
  assert.deepEqual(byName.get(names.none)?.encryption, {
    type: "NONE",
    kmsKeyArn: null,
    kmsKeyAlias: null,
    kmsKeyReference: null,
    kmsKeyProblem: null,
    bucketKeyEnabled: false,
  });
  assert.equal(byName.get(names.sses3)?.encryption?.type, "SSE-S3");

  const kms = byName.get(names.kms)!;
  assert.deepEqual(
    kms.encryption,
    {
      type: "SSE-KMS",
      kmsKeyArn: keyArn,
      kmsKeyAlias: alias,
      kmsKeyReference: alias,
      kmsKeyProblem: null,
      bucketKeyEnabled: false,
    },
    "an alias in the config resolves to the key ARN",
  );
  assert.equal(kms.candidate, true);
  assert.equal(kms.versioning, "Enabled");
  assert.deepEqual(kms.replication?.destinations, [names.replica]);
  assert.equal(kms.replication?.rules[0]?.destinationRegion, "eu-west-1");

  assert.equal(byName.get(names.kmsBk)?.encryption?.bucketKeyEnabled, true);
  assert.equal(byName.get(names.kmsBk)?.candidate, false);
  assert.equal(byName.get(names.kmsBk)?.encryption?.kmsKeyAlias, alias, "a key ARN is named by its alias");
  assert.equal(byName.get(names.managed)?.encryption?.kmsKeyAlias, "alias/aws/s3");
  assert.equal(byName.get(names.dsse)?.encryption?.type, "DSSE-KMS");
  assert.equal(byName.get(names.dsse)?.candidate, false);
  assert.equal(byName.get(names.replica)?.region, "eu-west-1");
  assert.equal(byName.get(names.none)?.versioning, "Off");
  for (const n of Object.values(names)) assert.equal(byName.get(n)?.error, null, `${n} read without error`);

  const s = inventory.summary;
  assert.equal(s.total, inventory.buckets.length);
  assert.equal(s.byType["SSE-KMS"]! + s.byType["SSE-S3"]! + s.byType["DSSE-KMS"]! + s.byType.NONE!, s.total);
  assert.ok(s.regions.includes("eu-west-1") && s.regions.includes("us-east-1"));
});

test("the inventory is cached until refreshed", async () => {
  const first = await getInventory({ refresh: true });
  const cached = await getInventory();
  assert.equal(cached.scannedAt, first.scannedAt);
  const fresh = await getInventory({ refresh: true });
  assert.notEqual(fresh.scannedAt, first.scannedAt);
});

test("GET /api/buckets answers the inventory contract and rejects unknown query fields", async () => {
  const inventory = await jsonOf(await bucketsRoute.GET(apiRequest("/api/buckets"), routeContext()), inventorySchema);
  const kms = inventory.buckets.find((b) => b.name === names.kms);
  assert.deepEqual(kms && { ...kms, createdAt: typeof kms.createdAt }, {
    name: names.kms,
    account: inventory.accounts[0]?.id,
    region: "us-east-1",
    createdAt: "string",
    encryption: {
      type: "SSE-KMS",
      kmsKeyArn: keyArn,
      kmsKeyAlias: alias,
      kmsKeyReference: alias,
      kmsKeyProblem: null,
      bucketKeyEnabled: false,
    },
    versioning: "Enabled",
    replication: {
      role: "arn:aws:iam::123456789012:role/replication",
      rules: [
        {
          id: "to-eu",
          status: "Enabled",
          prefix: "",
          destinationBucket: names.replica,
          destinationRegion: "eu-west-1",
          replicatesSseKms: false,
          replicaKmsKeyId: null,
        },
      ],
      destinations: [names.replica],
    },
    candidate: true,
    error: null,
  });
  // The summary counts the buckets the same answer lists.
  const { buckets, summary } = inventory;
  const count = (keep: (b: (typeof buckets)[number]) => boolean) => buckets.filter(keep).length;
  const kmsBuckets = count((b) => b.encryption?.type === "SSE-KMS");
  const withBucketKey = count((b) => b.encryption?.type === "SSE-KMS" && b.encryption.bucketKeyEnabled);
  assert.ok(kmsBuckets >= 3 && withBucketKey >= 1, "this file's SSE-KMS buckets are listed");
  assert.deepEqual(
    { ...summary, regions: [...summary.regions].sort() },
    {
      total: buckets.length,
      byType: {
        "SSE-S3": count((b) => b.encryption?.type === "SSE-S3"),
        "SSE-KMS": kmsBuckets,
        "DSSE-KMS": count((b) => b.encryption?.type === "DSSE-KMS"),
        NONE: count((b) => b.encryption?.type === "NONE"),
      },
      kmsBuckets,
      withBucketKey,
      bucketKeyShare: withBucketKey / kmsBuckets,
      candidates: count((b) => b.candidate),
      errors: count((b) => b.error !== null),
      regions: [...new Set(buckets.map((b) => b.region))].sort(),
    },
  );
  assert.deepEqual(
    inventory.accounts.map((a) => ({ source: a.source, status: a.status, buckets: a.buckets })),
    [{ source: "console", status: "ok", buckets: buckets.length }],
  );

  const bad = await bucketsRoute.GET(apiRequest("/api/buckets?refresh=yes&admin=1"), routeContext());
  const error = await errorOf(bad, 400, "invalid_input");
  assert.match(error.message, /refresh: Invalid option: expected one of "0"\|"1"/);
  assert.match(error.message, /unknown field\(s\) admin/);
});

test("the detail names the key's state, and bad or unknown names answer 400 / 404", async () => {
  const detail = await getBucketDetail(names.kms);
  assert.equal(detail.key?.arn, keyArn);
  assert.equal(detail.key?.state, "Enabled");
  assert.equal(detail.key?.alias, alias);

  const invalid = await bucketRoute.GET(apiRequest("/api/buckets/Not_Valid"), routeContext({ name: "Not_Valid" }));
  assert.match(
    (await errorOf(invalid, 400, "invalid_input")).message,
    /not a valid S3 bucket name: it may contain only lowercase/,
  );

  const missing = uniqueName("missing");
  const unknown = await bucketRoute.GET(apiRequest(`/api/buckets/${missing}`), routeContext({ name: missing }));
  assert.match((await errorOf(unknown, 404, "not_found")).message, new RegExp(`${missing} does not exist`));
});
