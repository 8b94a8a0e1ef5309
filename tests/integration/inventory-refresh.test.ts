// The inventory store without rescans: a restarted console answers from the store with no AWS
// call; S3 management events in real-format CloudTrail log files (written into moto's S3, as a
// trail delivers them) re-read just the buckets they name; an apply updates its bucket's row only.
// AWS calls are counted by a loopback proxy in front of moto (fault-proxy.ts).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import {
  DeleteBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { bucketPageSchema, type BucketPage } from "@/lib/contracts/bucket-list";
import { applyResultSchema, currentEncryptionSchema } from "@/lib/contracts/encryption";
import { bucketDetailSchema } from "@/lib/contracts/inventory";
import { outsideChangesSchema } from "@/lib/contracts/outside-changes";
import { startFaultProxy } from "./fault-proxy";
import {
  apiRequest,
  createBucket,
  jsonOf,
  motoUrl,
  routeContext,
  scanInventoryNow,
  testS3,
  uniqueName,
} from "./helpers";

const proxy = await startFaultProxy(motoUrl());
after(() => proxy.close());
const dataDir = mkdtempSync(path.join(tmpdir(), "bkc-inventory-refresh-"));
Object.assign(process.env, { AWS_ENDPOINT_URL: proxy.url, CONSOLE_DATA_DIR: dataDir });

const { logFileBody, logFileKey, s3BucketChangeRecord, seededRng } = await import("@/scripts/cloudtrail-format");
const { ingestLogFiles } = await import("@/lib/usage/cloudtrail/ingest-files");
const { listLogFiles, readS3LogFile } = await import("@/lib/usage/cloudtrail/log-files");
const { recordOwnRequest } = await import("@/lib/aws/own-requests");
const { noteTrailBucketEvents } = await import("@/lib/usage/bucket-events");
const { refreshNotedBuckets } = await import("@/lib/inventory/refresh");
const { storedPosture } = await import("@/lib/inventory/store");
const bucketRoute = await import("@/app/api/buckets/[name]/route");
const bucketsRoute = await import("@/app/api/buckets/route");
const outsideRoute = await import("@/app/api/outside-changes/route");

const prefix = uniqueName("evt");
const names = {
  changed: `${prefix}-changed`,
  versioned: `${prefix}-versioned`,
  deleted: `${prefix}-deleted`,
  created: `${prefix}-created`,
  untouched: `${prefix}-untouched`,
};
const trailBucket = uniqueName("evt-trail");
const account = "123456789012";
let scannedAt = "";

before(async () => {
  for (const n of [names.changed, names.versioned, names.deleted, names.untouched, trailBucket]) await createBucket(n);
  const scan = await scanInventoryNow();
  assert.equal(scan.state, "done");
  scannedAt = scan.startedAt!;
});

function runChild(...args: string[]): Promise<string> {
  return promisify(execFile)(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "tests/integration/support/inventory-child.ts", ...args],
    { env: { ...process.env, NODE_NO_WARNINGS: "1" } },
  ).then((r) => r.stdout);
}

test("a restarted console answers its first GET /api/buckets from the store, with no AWS call", async () => {
  proxy.set("none");
  const out = await runChild("get", `q=${prefix}`);
  assert.equal(proxy.requests(), 0, "not one request reached AWS");
  const [, status, json] = /^get (\d+) (.*)$/m.exec(out)!;
  assert.equal(status, "200");
  const body = JSON.parse(json!) as BucketPage;
  assert.deepEqual(
    body.buckets.map((b) => b.name),
    [names.changed, names.deleted, names.untouched, names.versioned],
  );
  assert.equal(body.scan.state, "done");
  assert.ok(body.buckets.every((b) => b.readAt !== null));
});

test("management events in the trail's log files re-read just the buckets they name", async () => {
  const s3 = testS3();
  // Changes made outside the console (S3 console, CLI, Terraform): straight to S3.
  await s3.send(
    new PutBucketEncryptionCommand({
      Bucket: names.changed,
      ServerSideEncryptionConfiguration: {
        Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms" }, BucketKeyEnabled: true }],
      },
    }),
  );
  await s3.send(
    new PutBucketVersioningCommand({ Bucket: names.versioned, VersioningConfiguration: { Status: "Enabled" } }),
  );
  await s3.send(new DeleteBucketCommand({ Bucket: names.deleted }));
  await createBucket(names.created, "eu-west-1");
  // …and the untouched bucket changes too, but no event names it: it stays as scanned.
  await s3.send(
    new PutBucketVersioningCommand({ Bucket: names.untouched, VersioningConfiguration: { Status: "Enabled" } }),
  );

  const rng = seededRng(prefix);
  const time = new Date();
  const bob = { kind: "role", name: "terraform", session: "bob" } as const;
  const record = (bucket: string, event: Parameters<typeof s3BucketChangeRecord>[0]["event"], region = "us-east-1") =>
    s3BucketChangeRecord({ time, region, account, bucket, event, principal: bob }, rng);
  const consoleAgent = "aws-sdk-js/3.700.0 bucket-key-console";
  // The console's own call: its User-Agent and a request id it recorded when it sent it. The apply already wrote
  // the row, nothing to re-read.
  const own = { ...record(names.untouched, "PutBucketEncryption"), userAgent: consoleAgent };
  recordOwnRequest(own.requestID);
  const records = [
    record(names.changed, "PutBucketEncryption"),
    // Someone else sending the console's User-Agent: a request id the console never recorded, so an outside change.
    { ...record(names.versioned, "PutBucketVersioning"), userAgent: consoleAgent },
    record(names.deleted, "DeleteBucket"),
    record(names.created, "CreateBucket", "eu-west-1"),
    own,
  ];
  const key = `logs/${logFileKey(account, "us-east-1", time, prefix)}`;
  await s3.send(new PutObjectCommand({ Bucket: trailBucket, Key: key, Body: logFileBody(records) }));

  proxy.set("none");
  const files = await listLogFiles({ bucket: trailBucket, prefix: "logs" });
  const ingested = await ingestLogFiles(files, {
    source: "it",
    account,
    read: readS3LogFile,
    onBucketEvents: noteTrailBucketEvents,
  });
  assert.equal(ingested.filesDone, 1);
  const beforeRefresh = proxy.requests();
  const outcome = await refreshNotedBuckets();
  const calls = proxy.requests() - beforeRefresh;
  assert.deepEqual(outcome, { buckets: 4, removed: 1 });
  assert.ok(calls <= 4 * 5, `${calls} AWS calls for 4 changed buckets (goal: at most 5 each)`);

  const changed = storedPosture(account, names.changed)?.encryption;
  assert.deepEqual([changed?.type, changed?.kmsKeyAlias, changed?.bucketKeyEnabled], ["SSE-KMS", "alias/aws/s3", true]);
  assert.equal(storedPosture(account, names.versioned)?.versioning, "Enabled");
  assert.equal(storedPosture(account, names.deleted), null, "a deleted bucket loses its row");
  assert.equal(storedPosture(account, names.created)?.region, "eu-west-1", "a created bucket appears, read");
  assert.equal(storedPosture(account, names.untouched)?.versioning, "Off", "no event named it: not re-read");
  assert.ok(Date.parse(storedPosture(account, names.untouched)!.readAt!) < Date.parse(time.toISOString()) + 1);

  // The same file read again (a rerun) notes nothing new and re-reads nothing.
  assert.deepEqual(await refreshNotedBuckets(), { buckets: 0, removed: 0 });

  const res = await bucketRoute.GET(apiRequest(`/api/buckets/${names.changed}`), routeContext({ name: names.changed }));
  const detail = await jsonOf(res, bucketDetailSchema);
  assert.deepEqual(detail.outsideChange, {
    at: time.toISOString().replace(/\.\d{3}Z$/, "Z"),
    principal: `arn:aws:sts::${account}:assumed-role/terraform/bob`,
    event: "PutBucketEncryption",
    source: "trail",
  });
  assert.ok(scannedAt);

  // History's outside changes: the same events, with what each set; the console's own call is not among them.
  const outside = await jsonOf(
    await outsideRoute.GET(apiRequest("/api/outside-changes"), routeContext()),
    outsideChangesSchema,
  );
  const ours = outside.changes.filter((c) => c.bucket.startsWith(prefix));
  assert.deepEqual(ours.map((c) => [c.bucket, c.event, c.after]).sort(), [
    [names.changed, "PutBucketEncryption", "SSE-KMS · aws/s3 · Bucket Key on"],
    [names.created, "CreateBucket", "Created in eu-west-1"],
    [names.deleted, "DeleteBucket", "Bucket deleted"],
    [names.versioned, "PutBucketVersioning", "Versioning Enabled"],
  ]);
  assert.ok(
    ours.every((c) => c.principal === `arn:aws:sts::${account}:assumed-role/terraform/bob` && c.account === account),
  );
  const one = await jsonOf(
    await outsideRoute.GET(apiRequest(`/api/outside-changes?bucket=${names.versioned}`), routeContext()),
    outsideChangesSchema,
  );
  assert.deepEqual(
    one.changes.map((c) => c.bucket),
    [names.versioned],
  );
});

test("an apply re-reads and updates its bucket's row only", async () => {
  const encryptionRoute = await import("@/app/api/buckets/[name]/encryption/route");
  const name = names.versioned;
  const current = await jsonOf(
    await encryptionRoute.GET(apiRequest(`/api/buckets/${name}/encryption`), routeContext({ name })),
    currentEncryptionSchema,
  );
  const others = [names.changed, names.untouched, names.created].map((n) => storedPosture(account, n));
  const res = await encryptionRoute.PUT(
    apiRequest(`/api/buckets/${name}/encryption`, {
      method: "PUT",
      body: { config: { type: "SSE-S3", kmsKeyId: null, bucketKeyEnabled: false }, expectedVersion: current.version },
    }),
    routeContext({ name }),
  );
  await jsonOf(res, applyResultSchema);
  assert.equal(storedPosture(account, name)?.encryption?.type, "SSE-S3");
  assert.equal(storedPosture(account, name)?.versioning, "Enabled", "the rest of the row is kept");
  assert.deepEqual(
    [names.changed, names.untouched, names.created].map((n) => storedPosture(account, n)),
    others,
    "no other row was touched",
  );
  const page = await jsonOf(
    await bucketsRoute.GET(apiRequest(`/api/buckets?q=${name}`), routeContext()),
    bucketPageSchema,
  );
  assert.equal(page.buckets[0]?.encryption?.type, "SSE-S3", "the next page shows it");
});
