// The inventory from an AWS Config aggregator, end to end through the real AWS SDK. moto keeps the
// S3 state and the aggregator; moto has no SelectAggregateResourceConfig, so a loopback double
// (scripts/config-double) stands in for AWS Config there: it answers in Config's JSON 1.1 wire format
// from configuration items it records from moto's real S3 state, and it is where throttling and
// access denied are injected. Everything else the console sends (S3, STS, the aggregator lookup)
// reaches moto through the double untouched.
import assert from "node:assert/strict";
import { randomInt } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { CreateKeyCommand } from "@aws-sdk/client-kms";
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketVersioningCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { bucketPageSchema } from "@/lib/contracts/bucket-list";
import { bucketDetailSchema } from "@/lib/contracts/inventory";
import { inventorySourceStatusSchema } from "@/lib/contracts/config-source";
import { startConfigDouble } from "../../scripts/config-double/server";
import { motoSource } from "../../scripts/config-double/items";
import { apiRequest, errorOf, jsonOf, motoUrl, routeContext, testKms, uniqueName } from "./helpers";
import { putAggregator, sessionIn, switchToOwnAccount } from "./own-account";

const moto = motoUrl();
const { account: own } = await switchToOwnAccount();
const member = String(randomInt(400_000_000_000, 499_999_999_999));
const double = await startConfigDouble({ moto, source: motoSource(moto) });
process.env.AWS_ENDPOINT_URL = double.url;
process.env.CONSOLE_DATA_DIR = mkdtempSync(path.join(tmpdir(), "bkc-config-it-"));
process.env.CONSOLE_CONFIG_RETRY_MS = "20";

const { startConfigPass, configPassFinished } = await import("@/lib/inventory/config/load");
const { saveInventorySource } = await import("@/lib/inventory/config/state");
const bucketsRoute = await import("@/app/api/buckets/route");
const sourceRoute = await import("@/app/api/settings/inventory-source/route");
const bucketRoute = await import("@/app/api/buckets/[name]/route");
const encryptionRoute = await import("@/app/api/buckets/[name]/encryption/route");
const preflightRoute = await import("@/app/api/buckets/[name]/encryption/preflight/route");
const reencryptRoute = await import("@/app/api/buckets/[name]/reencrypt/route");
const inventorySetupRoute = await import("@/app/api/buckets/[name]/objects/inventory/route");
const rollbackRoute = await import("@/app/api/changes/[id]/rollback/route");
const scanRoute = await import("@/app/api/inventory/scan/route");

const aggregator = "org-aggregator";
const prefix = uniqueName("cfg");
const names = {
  kms: `${prefix}-kms`,
  withKey: `${prefix}-key`,
  plain: `${prefix}-plain`,
  memberEu: `${prefix}-member-eu`,
  memberUs: `${prefix}-member-us`,
  created: `${prefix}-created`,
};
let ownS3: S3Client;
let memberS3: (region: string) => S3Client;
let keyArn = "";

const kmsRule = (arn: string, bucketKey: boolean) => ({
  Rules: [
    {
      ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms" as const, KMSMasterKeyID: arn },
      BucketKeyEnabled: bucketKey,
    },
  ],
});

async function create(s3: S3Client, name: string, region = "us-east-1") {
  await s3.send(
    new CreateBucketCommand({
      Bucket: name,
      ...(region === "us-east-1" ? {} : { CreateBucketConfiguration: { LocationConstraint: region as "eu-west-1" } }),
    }),
  );
}

async function allBuckets() {
  const res = await bucketsRoute.GET(apiRequest(`/api/buckets?account=all&q=${prefix}&limit=100`), routeContext());
  return jsonOf(res, bucketPageSchema);
}

const runPass = async (kind: "full" | "incremental") => {
  startConfigPass(kind, "on-demand");
  return (await configPassFinished())!;
};

before(async () => {
  const ownCreds = {
    accessKeyId: process.env.AWS_ACCESS_KEY_ID!,
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY!,
    sessionToken: process.env.AWS_SESSION_TOKEN,
  };
  ownS3 = new S3Client({ region: "us-east-1", endpoint: moto, forcePathStyle: true, credentials: ownCreds });
  const memberCreds = await sessionIn(member, "seed");
  memberS3 = (region) => new S3Client({ region, endpoint: moto, forcePathStyle: true, credentials: memberCreds });
  keyArn = (await testKms().send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
  for (const n of [names.kms, names.withKey, names.plain]) await create(ownS3, n);
  await ownS3.send(
    new PutBucketEncryptionCommand({ Bucket: names.kms, ServerSideEncryptionConfiguration: kmsRule(keyArn, false) }),
  );
  await ownS3.send(
    new PutBucketEncryptionCommand({ Bucket: names.withKey, ServerSideEncryptionConfiguration: kmsRule(keyArn, true) }),
  );
  await ownS3.send(
    new PutBucketVersioningCommand({ Bucket: names.plain, VersioningConfiguration: { Status: "Enabled" } }),
  );
  await create(memberS3("eu-west-1"), names.memberEu, "eu-west-1");
  await create(memberS3("us-east-1"), names.memberUs);
  await putAggregator(aggregator, [own, member], ownCreds);
  saveInventorySource({ kind: "config", aggregator, region: "us-east-1" });
});

after(() => double.stop());

test("a full load fills All accounts from the aggregator, a member account without a role included", async () => {
  const load = await runPass("full");
  assert.equal(load.state, "done", load.message ?? "");
  assert.ok(load.total! >= 5, `the count query found ${load.total} buckets`);
  assert.equal(load.done, load.total);
  const page = await allBuckets();
  const byName = new Map(page.buckets.map((b) => [b.name, b]));
  assert.deepEqual(
    [...byName.keys()].sort(),
    [names.kms, names.withKey, names.plain, names.memberEu, names.memberUs].sort(),
  );
  const kms = byName.get(names.kms)!;
  assert.equal(kms.account, own);
  assert.equal(kms.encryption?.type, "SSE-KMS");
  assert.equal(kms.encryption?.kmsKeyArn, keyArn);
  assert.equal(kms.encryption?.bucketKeyEnabled, false);
  assert.equal(kms.candidate, true);
  assert.equal(kms.source?.kind, "config");
  assert.equal(kms.source?.aggregator, aggregator);
  assert.ok(Date.parse(kms.source!.capturedAt) > 0);
  assert.equal(byName.get(names.withKey)?.encryption?.bucketKeyEnabled, true);
  assert.equal(byName.get(names.plain)?.versioning, "Enabled");
  assert.equal(byName.get(names.memberEu)?.region, "eu-west-1");
  // The member account has no role: listed in All accounts as a Config account.
  const memberRow = page.accounts.find((a) => a.id === member);
  assert.ok(memberRow, "the member account is listed in All accounts");
  assert.equal(memberRow.source, "config");
  assert.equal(memberRow.roleArn, null);
  assert.ok(memberRow.buckets >= 2);
});

test("a bucket of the member without a role: its page shows Config's posture, and every change is refused with a 403", async () => {
  const name = names.memberEu;
  const res = await bucketRoute.GET(apiRequest(`/api/buckets/${name}?account=${member}`), routeContext({ name }));
  const detail = await jsonOf(res, bucketDetailSchema);
  assert.equal(detail.roleNeeded, member);
  assert.equal(detail.bucket.account, member);
  assert.equal(detail.bucket.region, "eu-west-1");
  assert.equal(detail.bucket.source?.kind, "config");
  // Nothing read through a role: no key state, no replication rules, no error from a failed call.
  assert.equal(detail.key, null);
  assert.equal(detail.keyError, null);
  assert.equal(detail.bucket.replication, null);
  assert.equal(detail.bucket.error, null);
  const missing = await bucketRoute.GET(
    apiRequest(`/api/buckets/${prefix}-nowhere?account=${member}`),
    routeContext({ name: `${prefix}-nowhere` }),
  );
  await errorOf(missing, 404, "not_found");

  const config = { type: "SSE-KMS", kmsKeyId: keyArn, bucketKeyEnabled: true };
  const at = `/api/buckets/${name}`;
  const refusals = [
    ["PUT encryption", encryptionRoute.PUT, `${at}/encryption`, "PUT", { config, expectedVersion: "0123456789abcdef" }],
    ["GET encryption (the wizard)", encryptionRoute.GET, `${at}/encryption`, "GET", undefined],
    ["POST preflight", preflightRoute.POST, `${at}/encryption/preflight`, "POST", { config }],
    ["POST reencrypt", reencryptRoute.POST, `${at}/reencrypt`, "POST", { dryRun: true }],
    [
      "PUT inventory setup",
      inventorySetupRoute.PUT,
      `${at}/objects/inventory`,
      "PUT",
      { destinationBucket: names.plain },
    ],
    ["POST rollback", rollbackRoute.POST, "/api/changes/1/rollback", "POST", undefined],
    ["POST scan", scanRoute.POST, "/api/inventory/scan", "POST", undefined],
  ] as const;
  for (const [what, handler, url, method, body] of refusals) {
    const refused = await handler(
      apiRequest(`${url}?account=${member}`, { method, body }),
      routeContext(url.includes("/changes/") ? { id: "1" } : { name }),
    );
    const error = await errorOf(refused, 403, "no_role");
    assert.match(
      error.message,
      new RegExp(`known only from AWS Config: .* needs the console's role in account ${member}`),
      what,
    );
    assert.match(error.message, /Many accounts/, what);
    // A change says so; a review, the wizard's read and a scan read the account through AWS.
    const reads = ["GET encryption (the wizard)", "POST preflight", "POST scan"].includes(what);
    assert.match(error.message, reads ? /reading this through AWS/ : /changing its buckets/, what);
  }
});

test("an incremental pass after changes made directly in S3: changed, created and deleted buckets", async () => {
  await ownS3.send(
    new PutBucketEncryptionCommand({ Bucket: names.kms, ServerSideEncryptionConfiguration: kmsRule(keyArn, true) }),
  );
  await create(ownS3, names.created);
  await memberS3("us-east-1").send(new DeleteBucketCommand({ Bucket: names.memberUs }));
  const selectsBefore = double.stats.selects;
  const load = await runPass("incremental");
  assert.equal(load.state, "done", load.message ?? "");
  // Three changed items fit in one page: one query.
  assert.equal(double.stats.selects - selectsBefore, 1);
  assert.equal(load.removed, 1);
  const byName = new Map((await allBuckets()).buckets.map((b) => [b.name, b]));
  assert.equal(byName.get(names.kms)?.encryption?.bucketKeyEnabled, true);
  assert.equal(byName.get(names.kms)?.candidate, false);
  assert.ok(byName.has(names.created), "the bucket created in S3 shows");
  assert.ok(!byName.has(names.memberUs), "the bucket deleted in S3 is gone");
});

test("throttled pages are asked again after a pause, and the load completes", async () => {
  await ownS3.send(
    new PutBucketVersioningCommand({ Bucket: names.withKey, VersioningConfiguration: { Status: "Enabled" } }),
  );
  double.fail("throttle", 6);
  const load = await runPass("incremental");
  assert.equal(load.state, "done", load.message ?? "");
  assert.equal(double.stats.throttled, 6);
  assert.ok(load.queries >= 2, "the console asked again after the SDK's retries gave up");
  const byName = new Map((await allBuckets()).buckets.map((b) => [b.name, b]));
  assert.equal(byName.get(names.withKey)?.versioning, "Enabled");
});

const cases = [
  {
    what: "a bad aggregator name",
    settings: { kind: "config" as const, aggregator: "no-such-aggregator", region: "us-east-1" },
    code: "not_found",
    says: /no aggregator no-such-aggregator in us-east-1/,
  },
  {
    what: "an aggregator asked in another region",
    settings: { kind: "config" as const, aggregator, region: "eu-west-1" },
    code: "not_found",
    says: /pick the region the aggregator was created in/,
  },
  {
    what: "a query Config rejects",
    settings: { kind: "config" as const, aggregator, region: "us-east-1" },
    fault: "reject" as const,
    code: "check_failed",
    says: /AWS Config rejected the console's query on aggregator org-aggregator/,
  },
  {
    what: "an item of an unexpected shape",
    settings: { kind: "config" as const, aggregator, region: "us-east-1" },
    fault: "bad-item" as const,
    code: "check_failed",
    says: /unexpected shape: accountId "not-an-account" is not a 12-digit account id\. The page holding it was not written/,
  },
  {
    what: "access denied",
    settings: { kind: "config" as const, aggregator, region: "us-east-1" },
    fault: "deny" as const,
    code: "access_denied",
    says: /config:SelectAggregateResourceConfig/,
  },
];

for (const c of cases)
  test(`${c.what}: the load fails with a message naming what to fix, and every stored row stays`, async () => {
    const before = (await allBuckets()).total;
    saveInventorySource(c.settings);
    if (c.fault) double.fail(c.fault, 100);
    try {
      const load = await runPass("full");
      assert.equal(load.state, "failed");
      assert.equal(load.errorCode, c.code);
      assert.match(load.message ?? "", c.says);
      assert.equal((await allBuckets()).total, before);
    } finally {
      double.fail("deny", 0);
      saveInventorySource({ kind: "config", aggregator, region: "us-east-1" });
    }
  });

test("Settings: the aggregator found by DescribeConfigurationAggregators is recommended; bad input is refused", async () => {
  const status = await jsonOf(
    await sourceRoute.GET(apiRequest("/api/settings/inventory-source"), routeContext()),
    inventorySourceStatusSchema,
  );
  assert.equal(status.recommendation.kind, "config");
  const found = status.recommendation.aggregators.find((a) => a.name === aggregator);
  assert.deepEqual(found, {
    name: aggregator,
    region: "us-east-1",
    scope: "accounts",
    accounts: [own, member].sort(),
    regions: null,
  });
  assert.deepEqual(status.settings, { kind: "config", aggregator, region: "us-east-1" });
  assert.equal(status.lastFull?.state, "failed", "the table's last case left a failed load, shown here");
  for (const body of [
    { kind: "config", aggregator: "bad name!", region: "us-east-1" },
    { kind: "config", aggregator, region: "mars-1" },
    { kind: "athena" },
  ]) {
    const res = await sourceRoute.PUT(
      apiRequest("/api/settings/inventory-source", { method: "PUT", body }),
      routeContext(),
    );
    await errorOf(res, 400, "invalid_input");
  }
});
