import assert from "node:assert/strict";
import { before, test } from "node:test";
import {
  DeleteBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketReplicationCommand,
  PutBucketVersioningCommand,
} from "@aws-sdk/client-s3";
import { CreateAliasCommand, CreateKeyCommand } from "@aws-sdk/client-kms";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { bucketPageSchema, type BucketPage } from "@/lib/contracts/bucket-list";
import {
  apiRequest,
  createBucket,
  errorOf,
  jsonOf,
  routeContext,
  scanInventoryNow,
  testKms,
  testS3,
  uniqueName,
} from "./helpers";

// The scan into the inventory store against moto, then GET /api/buckets from the store: paging,
// filters, sort, search and bad input, table-tested. Other test files' buckets share the emulator,
// so every query searches this file's name prefix.
process.env.CONSOLE_DATA_DIR = mkdtempSync(path.join(tmpdir(), "bkc-inventory-it-"));
const { getBucketDetail } = await import("@/lib/inventory/bucket-detail");
const { refreshBucket } = await import("@/lib/inventory/refresh");
const { storedPosture } = await import("@/lib/inventory/store");
const bucketsRoute = await import("@/app/api/buckets/route");
const bucketRoute = await import("@/app/api/buckets/[name]/route");
const exportRoute = await import("@/app/api/inventory/export/route");

const prefix = uniqueName("inv");
const names = {
  none: `${prefix}-none`,
  sses3: `${prefix}-sses3`,
  kms: `${prefix}-kms`,
  kmsBk: `${prefix}-kmsbk`,
  managed: `${prefix}-managed`,
  dsse: `${prefix}-dsse`,
  replica: `${prefix}-replica`,
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

let accountId = "";

const list = (query: string) => bucketsRoute.GET(apiRequest(`/api/buckets?${query}`), routeContext());
/** A page of the bucket list, read through its schema (HTTP 200). */
const page = async (query: string) => jsonOf(await list(query), bucketPageSchema);
/** A query the list refuses: the one error shape, 400 invalid_input. */
const refused = async (query: string) => errorOf(await list(query), 400, "invalid_input");
const withPrefix = (query: string) => `q=${prefix}${query ? `&${query}` : ""}`;
const mine = (query = "") => page(withPrefix(query));
const namesOf = (b: BucketPage) => b.buckets.map((x) => x.name);

test("the scan stores every bucket's posture as configured, and the page answers from the store", async () => {
  const scan = await scanInventoryNow();
  assert.equal(scan.state, "done");
  assert.ok(scan.done >= Object.keys(names).length && scan.done === scan.total, `${scan.done} of ${scan.total}`);
  const body = await mine();
  assert.equal(body.total, 7);
  const byName = new Map(body.buckets.map((b) => [b.name, b]));
  accountId = byName.get(names.kms)!.account;
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
  assert.ok(kms.readAt && Date.parse(kms.readAt) >= Date.parse(scan.startedAt!), "read by this scan");
  assert.equal(byName.get(names.kmsBk)?.encryption?.bucketKeyEnabled, true);
  assert.equal(byName.get(names.kmsBk)?.encryption?.kmsKeyAlias, alias, "a key ARN is named by its alias");
  assert.equal(byName.get(names.managed)?.encryption?.kmsKeyAlias, "alias/aws/s3");
  assert.equal(byName.get(names.dsse)?.candidate, false);
  assert.equal(byName.get(names.replica)?.region, "eu-west-1");
  for (const n of Object.values(names)) assert.equal(byName.get(n)?.error, null, `${n} read without error`);

  const s = body.summary;
  assert.ok(s.total >= 7, "the summary covers the whole account, not the search");
  assert.equal(
    s.byType["SSE-KMS"]! + s.byType["SSE-S3"]! + s.byType["DSSE-KMS"]! + s.byType.NONE! + s.notScanned,
    s.total,
  );
  assert.ok(s.regions.includes("eu-west-1") && s.regions.includes("us-east-1"));
  assert.equal(body.scan.state, "done");
  assert.equal(body.accounts[0]?.id, accountId);
});

test("filters, sort and search select and order the rows in SQL", async () => {
  const cases: [string, string[]][] = [
    ["type=SSE-KMS", [names.kms, names.kmsBk, names.managed]],
    ["type=NONE", [names.none, names.replica]],
    ["bucketKey=on", [names.kmsBk]],
    ["bucketKey=off", [names.kms, names.managed]],
    ["candidate=1", [names.kms, names.managed]],
    ["region=eu-west-1", [names.replica]],
    ["type=SSE-KMS&sort=bucketKey&order=desc", [names.kmsBk, names.managed, names.kms]],
    [
      "sort=region&order=desc",
      // us-east-1 sorts after eu-west-1: descending, its buckets come first (by name, descending).
      [...[names.dsse, names.kms, names.kmsBk, names.managed, names.none, names.sses3].sort().reverse(), names.replica],
    ],
    ["sort=versioning&type=NONE", [names.replica, names.none]],
  ];
  for (const [query, expected] of cases) {
    const body = await mine(query);
    assert.deepEqual(namesOf(body), expected, query);
    assert.equal(body.total, expected.length, query);
  }
  const byAlias = await page(`q=${encodeURIComponent(alias.toUpperCase())}`);
  assert.deepEqual(namesOf(byAlias), [names.kms, names.kmsBk, names.dsse].sort(), "search finds the key alias");
});

test("pages follow nextCursor to the end without repeats, and the cursor is bound to its query", async () => {
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const body: BucketPage = await mine(`limit=2&sort=type${cursor ? `&cursor=${cursor}` : ""}`);
    assert.equal(body.total, 7);
    assert.ok(body.buckets.length <= 2);
    seen.push(...namesOf(body));
    cursor = body.nextCursor;
    pages++;
  } while (cursor);
  assert.equal(pages, 4);
  const all = await mine("sort=type");
  assert.deepEqual(seen, namesOf(all), "the pages joined are the unpaged order");

  const first = await mine("limit=2");
  const stale = await refused(withPrefix(`limit=2&type=SSE-KMS&cursor=${first.nextCursor}`));
  assert.match(stale.message, /cursor is stale.*start from the first page/);
});

test("GET /api/buckets answers the page contract field for field and rejects unknown query fields", async () => {
  const res = await bucketsRoute.GET(apiRequest(`/api/buckets?q=${prefix}`), routeContext());
  const body = await jsonOf(res, bucketPageSchema);
  const kms = body.buckets.find((b) => b.name === names.kms);
  assert.deepEqual(kms?.encryption, {
    type: "SSE-KMS",
    kmsKeyArn: keyArn,
    kmsKeyAlias: alias,
    kmsKeyReference: kms?.encryption?.kmsKeyReference,
    kmsKeyProblem: null,
    bucketKeyEnabled: false,
  });
  assert.ok(kms?.encryption?.kmsKeyReference, "the key as the configuration names it");
  assert.equal(typeof kms?.readAt, "string");
  const bad = await bucketsRoute.GET(apiRequest("/api/buckets?admin=1"), routeContext());
  assert.match((await errorOf(bad, 400, "invalid_input")).message, /unknown field\(s\) admin/);
});

test("bad input answers 400 naming the allowed values", async () => {
  const cases: [string, RegExp][] = [
    ["sort=size", /sort must be one of name, region, type, bucketKey, versioning/],
    ["order=up", /order must be one of asc, desc/],
    ["type=AES256", /type must be one of SSE-S3, SSE-KMS, DSSE-KMS, NONE/],
    ["bucketKey=yes", /bucketKey must be one of on, off/],
    ["candidate=true", /candidate must be one of 1, 0/],
    ["region=mars", /region: must be an AWS region the SDK knows, such as us-east-1/],
    // Well-formed but made up: each one used to cost a new AWS client.
    ["region=zz-abc-1", /region: must be an AWS region the SDK knows, such as us-east-1/],
    ["limit=0", /limit must be at least 1/],
    ["limit=501", /limit must be at most 500/],
    ["limit=ten", /limit must be a whole number from 1 to 500/],
    ["cursor=not-a-cursor", /cursor is malformed: start from the first page/],
    ["refresh=1", /unknown field\(s\) refresh/],
  ];
  for (const [query, message] of cases) {
    assert.match((await refused(query)).message, message, query);
  }
});

test("the CSV export streams every matching row", async () => {
  const res = await exportRoute.GET(apiRequest(`/api/inventory/export?q=${prefix}&type=SSE-KMS`), routeContext());
  // Raw on purpose: the export is a CSV file, not JSON; its status, type and text are what is checked.
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type")!, /^text\/csv/);
  const lines = (await res.text()).trimEnd().split("\r\n");
  assert.equal(
    lines[0],
    "account,bucket,region,encryption,kms_key_arn,kms_key_alias,bucket_key,versioning,replication_rules,candidate,read_at,error",
  );
  assert.deepEqual(
    lines.slice(1).map((l) => l.split(",")[1]),
    [names.kms, names.kmsBk, names.managed],
  );
  assert.match(
    lines[1]!,
    new RegExp(`^${accountId},${names.kms},us-east-1,SSE-KMS,${keyArn},${alias},off,Enabled,1,true,`),
  );
});

test("the detail names the key's state, updates the bucket's row, and bad or unknown names answer 400 / 404", async () => {
  await testS3().send(
    new PutBucketVersioningCommand({ Bucket: names.none, VersioningConfiguration: { Status: "Enabled" } }),
  );
  const before = storedPosture(accountId, names.none)!;
  const detail = await getBucketDetail(names.none);
  assert.equal(detail.bucket.versioning, "Enabled");
  assert.equal(detail.outsideChange, null);
  const after = storedPosture(accountId, names.none)!;
  assert.equal(after.versioning, "Enabled", "the page's read refreshed the row");
  assert.equal(after.createdAt, before.createdAt, "the listing's creation date is kept");

  const kmsDetail = await getBucketDetail(names.kms);
  assert.equal(kmsDetail.key?.arn, keyArn);
  assert.equal(kmsDetail.key?.state, "Enabled");

  const invalid = await bucketRoute.GET(apiRequest("/api/buckets/Not_Valid"), routeContext({ name: "Not_Valid" }));
  assert.match(
    (await errorOf(invalid, 400, "invalid_input")).message,
    /not a valid S3 bucket name: it may contain only/,
  );
  const missing = uniqueName("missing");
  const unknown = await bucketRoute.GET(apiRequest(`/api/buckets/${missing}`), routeContext({ name: missing }));
  assert.match((await errorOf(unknown, 404, "not_found")).message, new RegExp(`${missing} does not exist`));
});

test("the detail of a bucket deleted since its region was learnt answers 404 and drops its row", async () => {
  const name = uniqueName("gone");
  await createBucket(name);
  await refreshBucket(name);
  assert.ok(storedPosture(accountId, name), "a scan's read stored the row");
  await testS3().send(new DeleteBucketCommand({ Bucket: name }));
  const res = await bucketRoute.GET(apiRequest(`/api/buckets/${name}`), routeContext({ name }));
  assert.match((await errorOf(res, 404, "not_found")).message, new RegExp(`${name} does not exist`));
  assert.equal(storedPosture(accountId, name), null, "the row went with the bucket");
});

test("a rescan removes buckets that are gone and keeps the rest", async () => {
  await testS3().send(new DeleteBucketCommand({ Bucket: names.sses3 }));
  await scanInventoryNow();
  const body = await mine();
  assert.equal(body.total, 6);
  assert.ok(!namesOf(body).includes(names.sses3));
});
