import assert from "node:assert/strict";
import { before, test } from "node:test";
import {
  PutBucketEncryptionCommand,
  PutBucketReplicationCommand,
  PutBucketVersioningCommand,
} from "@aws-sdk/client-s3";
import { CreateAliasCommand, CreateKeyCommand } from "@aws-sdk/client-kms";
import { apiRequest, createBucket, routeContext, testKms, testS3, uniqueName } from "./helpers";

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
  const ok = await bucketsRoute.GET(apiRequest("/api/buckets"), routeContext());
  assert.equal(ok.status, 200);
  const body = await ok.json();
  assert.ok(body.buckets.some((b: { name: string }) => b.name === names.kms));
  const bad = await bucketsRoute.GET(apiRequest("/api/buckets?refresh=yes&admin=1"), routeContext());
  assert.equal(bad.status, 400);
  assert.equal((await bad.json()).error.code, "invalid_input");
});

test("the detail names the key's state, and bad or unknown names answer 400 / 404", async () => {
  const detail = await getBucketDetail(names.kms);
  assert.equal(detail.key?.arn, keyArn);
  assert.equal(detail.key?.state, "Enabled");
  assert.equal(detail.key?.alias, alias);

  const invalid = await bucketRoute.GET(apiRequest("/api/buckets/Not_Valid"), routeContext({ name: "Not_Valid" }));
  assert.equal(invalid.status, 400);
  assert.match((await invalid.json()).error.message, /not a valid S3 bucket name: it may contain only lowercase/);

  const missing = uniqueName("missing");
  const unknown = await bucketRoute.GET(apiRequest(`/api/buckets/${missing}`), routeContext({ name: missing }));
  assert.equal(unknown.status, 404);
  assert.match((await unknown.json()).error.message, new RegExp(`${missing} does not exist`));
});
