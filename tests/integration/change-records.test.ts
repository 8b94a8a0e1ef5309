import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { GetBucketEncryptionCommand, PutBucketEncryptionCommand, S3Client } from "@aws-sdk/client-s3";
import { CreateKeyCommand, KMSClient, ListAliasesCommand, ListKeysCommand } from "@aws-sdk/client-kms";
import {
  applyResultSchema,
  changesSchema,
  createdKeySchema,
  currentEncryptionSchema,
  type Change,
} from "@/lib/contracts/encryption";
import { bucketDetailSchema } from "@/lib/contracts/inventory";
import {
  apiRequest,
  createBucket,
  errorOf,
  jsonOf,
  motoUrl,
  routeContext,
  sseKmsConfiguration,
  uniqueName,
} from "./helpers";
import { awsWritesSchema } from "@/lib/contracts/write-status";
import { startSeededFaultProxy, type FaultKind } from "./seeded-fault-proxy";

// The record-first rule, one path at a time: faults forced on exact calls (no random ones) through
// the seeded proxy. A PUT whose answer is lost, a read-back that fails, a reset before S3 saw the
// PUT, and a console killed between S3 making the change and the record of it.

const moto = motoUrl();
const proxy = await startSeededFaultProxy(moto, { seed: 1, rate: 0 });
after(() => proxy.close());
const dataDir = mkdtempSync(path.join(tmpdir(), "bkc-change-records-"));
Object.assign(process.env, { AWS_ENDPOINT_URL: proxy.url, CONSOLE_AWS_TIMEOUT_MS: "3000", CONSOLE_DATA_DIR: dataDir });

const encryptionRoute = await import("@/app/api/buckets/[name]/encryption/route");
const changesRoute = await import("@/app/api/changes/route");
const bucketRoute = await import("@/app/api/buckets/[name]/route");
const rollbackRoute = await import("@/app/api/changes/[id]/rollback/route");
const { reconcileUnsettled } = await import("@/lib/encryption/reconcile");
const { storedPosture } = await import("@/lib/inventory/store");
const { refreshBucket } = await import("@/lib/inventory/refresh");
const { currentAccountId } = await import("@/lib/accounts/accounts");
const keysRoute = await import("@/app/api/kms/keys/route");
const writesRoute = await import("@/app/api/writes/route");

const credentials = { accessKeyId: "testing", secretAccessKey: "testing" };
const s3 = new S3Client({ region: "us-east-1", endpoint: moto, forcePathStyle: true, credentials });
const keyArn = (
  await new KMSClient({ region: "us-east-1", endpoint: moto, credentials }).send(new CreateKeyCommand({}))
).KeyMetadata!.Arn!;
const config = (bucketKey: boolean) => ({ type: "SSE-KMS", kmsKeyId: keyArn, bucketKeyEnabled: bucketKey });
const attempts = 4; // lib/aws/client-config.ts

async function kmsBucket(): Promise<string> {
  const bucket = uniqueName("rec");
  await createBucket(bucket);
  await s3.send(
    new PutBucketEncryptionCommand({
      Bucket: bucket,
      ServerSideEncryptionConfiguration: sseKmsConfiguration(keyArn, false),
    }),
  );

  // Read it while nothing fails, as a scan or an event refresh would: the console learns its region and the
  // inventory gets its row (a page view alone writes no row).
  assert.ok(await refreshBucket(bucket));
  const page = await bucketRoute.GET(apiRequest(`/api/buckets/${bucket}`), routeContext({ name: bucket }));
  await jsonOf(page, bucketDetailSchema);
  return bucket;
}

async function version(bucket: string): Promise<string> {
  const got = await encryptionRoute.GET(
    apiRequest(`/api/buckets/${bucket}/encryption`),
    routeContext({ name: bucket }),
  );
  return (await jsonOf(got, currentEncryptionSchema)).version;
}

async function put(bucket: string, bucketKey: boolean, expectedVersion: string) {
  return encryptionRoute.PUT(
    apiRequest(`/api/buckets/${bucket}/encryption`, {
      method: "PUT",
      body: {
        config: config(bucketKey),
        expectedVersion,
        acknowledgedWarnings: ["existing-objects", "replication", "encryption-context", "request-rate", "key-policy"],
      },
    }),
    routeContext({ name: bucket }),
  );
}

async function history(bucket: string): Promise<Change[]> {
  const res = await changesRoute.GET(apiRequest(`/api/changes?bucket=${bucket}`), routeContext());
  return (await jsonOf(res, changesSchema)).changes;
}

const s3BucketKey = async (bucket: string) =>
  (await s3.send(new GetBucketEncryptionCommand({ Bucket: bucket }))).ServerSideEncryptionConfiguration!.Rules![0]!
    .BucketKeyEnabled;

/**
 * The PUT ?encryption gets `kind` on every attempt the SDK makes ("pass": the first one goes through); after the
 * last, the next `reads` GET ?encryption fail with a 500.
 */
function forcePut(kind: FaultKind | "pass", reads = 0) {
  let left = kind === "pass" ? 1 : attempts;
  proxy.force({
    method: "PUT",
    query: "encryption",
    kind,
    times: left,
    afterAnswer: () => {
      if (--left === 0 && reads)
        proxy.force({ method: "GET", query: "encryption", kind: "s3-internal-error", times: reads });
    },
  });
}

test("every answer to the PUT lost after S3 made the change: read back, recorded applied, answered 200", async () => {
  const bucket = await kmsBucket();
  forcePut("reset-after-answer");
  const result = await jsonOf(await put(bucket, true, await version(bucket)), applyResultSchema);
  assert.equal(result.change.status, "applied");
  assert.equal(result.current.encryption.bucketKeyEnabled, true);
  assert.deepEqual(
    result.change.steps.map((s) => s.status),
    ["pending", "unknown", "applied"],
  );
  // The SDK reports a socket closed mid-answer as a timeout or a reset, depending on timing.
  assert.match(result.change.steps[1]!.note, /PutBucketEncryption got no answer \((TimeoutError|ECONNRESET)\)/);
  assert.equal(await s3BucketKey(bucket), true);
});

test("answer lost, bucket unreadable: 503 unverified, History unknown, the row stale; later settled", async () => {
  const bucket = await kmsBucket();
  forcePut("reset-after-answer", attempts);
  const error = await errorOf(await put(bucket, true, await version(bucket)), 503, "unverified");
  assert.match(error.message, /may or may not have been made: PutBucketEncryption got no answer/);
  assert.match(error.message, /History shows change #\d+ as unknown/);
  const [unknown] = await history(bucket);
  assert.equal(unknown!.status, "unknown");
  assert.equal(unknown!.result, null);
  assert.match(unknown!.steps.map((s) => s.note).join(" "), /Checking S3 failed/);
  const account = await currentAccountId();
  assert.equal(storedPosture(account, bucket)?.error?.code, "unverified_change");
  // Rollback waits for the outcome.
  const early = rollbackRoute.POST(apiRequest(`/api/changes/${unknown!.id}/rollback`, { method: "POST" }), {
    params: Promise.resolve({ id: String(unknown!.id) }),
  });
  assert.match((await errorOf(await early, 409, "conflict")).message, /has not verified whether it was made/);

  assert.deepEqual(await reconcileUnsettled(["unknown"]), []);
  const [settled] = await history(bucket);
  assert.equal(settled!.status, "applied");
  assert.equal(settled!.after.bucketKeyEnabled, true);
  const row = storedPosture(account, bucket)!;
  assert.equal(row.error, null, "the stale mark is gone");
  assert.equal(row.encryption?.bucketKeyEnabled, true);
  // And it rolls back like any applied change.
  const back = await rollbackRoute.POST(apiRequest(`/api/changes/${settled!.id}/rollback`, { method: "POST" }), {
    params: Promise.resolve({ id: String(settled!.id) }),
  });
  assert.equal((await jsonOf(back, applyResultSchema)).current.encryption.bucketKeyEnabled, false);
  assert.equal(await s3BucketKey(bucket), false);
});

test("S3 accepted the PUT but the read-back failed: 503 saying it went through but is not verified", async () => {
  const bucket = await kmsBucket();
  forcePut("pass", attempts);
  const error = await errorOf(await put(bucket, true, await version(bucket)), 503, "unverified");
  assert.match(error.message, /went through \(S3 accepted it\) but could not be verified/);
  const change = (error.details as { change: Change }).change;
  assert.equal(change.status, "unknown");
  assert.match(change.steps.at(-1)!.note, /S3 accepted PutBucketEncryption, but reading the bucket back failed/);
  assert.deepEqual(await reconcileUnsettled(["unknown"]), []);
  const [settled] = await history(bucket);
  assert.equal(settled!.status, "applied");
  assert.equal(settled!.id, change.id);
});

test("a reset before S3 saw the PUT: checked, recorded failed, the answer says it was not made", async () => {
  const bucket = await kmsBucket();
  forcePut("reset-before");
  const error = await errorOf(await put(bucket, true, await version(bucket)), 503, "aws_unreachable");
  assert.match(error.message, /Checked afterwards: the change was not made/);
  const [failed] = await history(bucket);
  assert.equal(failed!.status, "failed");
  assert.match(failed!.message ?? "", /did not take effect/);
  assert.equal(await s3BucketKey(bucket), false);
});

test("SIGKILL between S3 making the change and its record: start-up settles it, and it rolls back", async () => {
  const bucket = await kmsBucket();
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "tests/integration/support/change-crash-child.ts", bucket, keyArn],
    { env: { ...process.env, NODE_NO_WARNINGS: "1" }, stdio: ["ignore", "pipe", "inherit"] },
  );
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  proxy.force({
    method: "PUT",
    query: "encryption",
    kind: "reset-after-answer",
    times: 1,
    afterAnswer: () => child.kill("SIGKILL"),
  });
  const signal = await new Promise((resolve) => child.on("exit", (_code, sig) => resolve(sig)));
  assert.equal(signal, "SIGKILL");
  assert.doesNotMatch(out, /answered/, "killed before the console had S3's answer");
  assert.equal(await s3BucketKey(bucket), true, "S3 made the change");
  const [left] = await history(bucket);
  assert.equal(left!.status, "pending", "the record written before the PUT survived the kill");

  // A new start: instrumentation's register() runs the start-up reconciliation.
  Object.assign(process.env, { NEXT_RUNTIME: "nodejs", CONSOLE_INGEST_ON_START: "0" });
  const { register } = await import("@/instrumentation");
  await register();
  let settled: Change | undefined;
  for (let i = 0; i < 100 && settled?.status !== "applied"; i++) {
    await new Promise((r) => setTimeout(r, 100));
    [settled] = await history(bucket);
  }
  assert.equal(settled!.status, "applied");
  assert.match(settled!.steps.at(-1)!.note, /AWS reports what was put/);
  assert.equal(storedPosture(await currentAccountId(), bucket)?.encryption?.bucketKeyEnabled, true);
  const back = await rollbackRoute.POST(apiRequest(`/api/changes/${settled!.id}/rollback`, { method: "POST" }), {
    params: Promise.resolve({ id: String(settled!.id) }),
  });
  assert.equal((await jsonOf(back, applyResultSchema)).change.status, "applied");
  assert.equal(await s3BucketKey(bucket), false);
});

const kmsDirect = new KMSClient({ region: "us-east-1", endpoint: moto, credentials });
const keyCount = async () => (await kmsDirect.send(new ListKeysCommand({ Limit: 1000 }))).Keys!.length;
const createKey = (alias: string) =>
  keysRoute.POST(apiRequest("/api/kms/keys", { method: "POST", body: { region: "us-east-1", alias } }), routeContext());

test("CreateKey's answer lost after KMS made the key: found by its tag, aliased, one key only", async () => {
  const before = await keyCount();
  const alias = `alias/${uniqueName("lost")}`;
  proxy.force({ method: "POST", target: "TrentService.CreateKey", kind: "reset-after-answer", times: 1 });
  const { key } = await jsonOf(await createKey(alias), createdKeySchema);
  assert.equal(key.alias, alias);
  assert.equal(await keyCount(), before + 1, "no second key: CreateKey is never retried blindly");
  const aliases = await kmsDirect.send(new ListAliasesCommand({}));
  assert.equal(aliases.Aliases!.find((a) => a.AliasName === alias)?.TargetKeyId, key.keyId);
  const writes = await jsonOf(await writesRoute.GET(apiRequest("/api/writes"), routeContext()), awsWritesSchema);
  const [write] = writes.writes;
  assert.deepEqual([write!.kind, write!.target, write!.status], ["kms-create-key", `${alias} in us-east-1`, "applied"]);
  assert.deepEqual(
    write!.steps.map((s) => s.status),
    ["pending", "unknown", "applied"],
  );
  assert.equal(write!.result, key.arn);
});

test("CreateKey reset before KMS saw it: checked, no key made, recorded failed", async () => {
  const before = await keyCount();
  proxy.force({ method: "POST", target: "TrentService.CreateKey", kind: "reset-before", times: 1 });
  const error = await errorOf(await createKey(`alias/${uniqueName("none")}`), 503, "aws_unreachable");
  assert.match(error.message, /Checked afterwards: no key was made/);
  assert.equal(await keyCount(), before);
  const { listWrites } = await import("@/lib/changes/write-log");
  assert.equal(listWrites()[0]!.status, "failed");
});
