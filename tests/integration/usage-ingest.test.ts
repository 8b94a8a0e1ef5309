// Ingestion of CloudTrail log files from moto's S3: exact totals, incremental reruns,
// malformed files recorded and picked up once fixed, SIGKILL at any point then a rerun
// equal to a clean run, and the usage/savings API over the result.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { CloudTrailClient, CreateTrailCommand } from "@aws-sdk/client-cloudtrail";
import { ingestStatusSchema, pricingSettingsSchema, savingsSchema, usageSeriesSchema } from "@/lib/contracts/usage";
import { apiRequest, createBucket, errorOf, jsonOf, motoUrl, routeContext, testS3, uniqueName } from "./helpers";

process.env.CONSOLE_DATA_DIR = mkdtempSync(path.join(tmpdir(), "bkc-usage-it-"));

const { demoLogFiles } = await import("@/scripts/demo-cloudtrail");
const { logFileBody } = await import("@/scripts/cloudtrail-format");
const { listLogFiles, readS3LogFile } = await import("@/lib/usage/cloudtrail/log-files");
const { ingestLogFiles } = await import("@/lib/usage/cloudtrail/ingest-files");
const { ingestErrors } = await import("@/lib/usage/store/receipts");
const { usageTotals } = await import("./usage-totals");

const account = "123456789012";
const end = new Date("2026-03-10T00:00:00Z");
const prefix = "it-logs";
const bucket = uniqueName("trail");
const files = demoLogFiles(account, end, 27);
// Half the files in the organization-trail layout: AWSLogs/<org-id>/<account>/CloudTrail/...
const keyOf = (k: string, i: number) =>
  `${prefix}/${i % 2 ? k.replace(`AWSLogs/${account}/`, `AWSLogs/o-exampleorg1/${account}/`) : k}`;

type Rec = {
  eventSource?: string;
  errorCode?: string;
  requestParameters?: { encryptionContext?: Record<string, string> };
};
/** Counted independently of the parser: successful KMS calls whose context is an S3 ARN. */
function expectedRequests(only?: string): number {
  let n = 0;
  for (const f of files) {
    for (const r of (JSON.parse(gunzipSync(f.body).toString()) as { Records: Rec[] }).Records) {
      const arn = r.requestParameters?.encryptionContext?.["aws:s3:arn"];
      if (
        r.eventSource === "kms.amazonaws.com" &&
        !r.errorCode &&
        arn?.startsWith("arn:aws:s3:::") &&
        (!only || arn.split(":::")[1]!.split("/")[0] === only)
      )
        n++;
    }
  }
  return n;
}

const location = { bucket, prefix };
const ingest = async () =>
  ingestLogFiles(await listLogFiles(location), {
    source: "it",
    account: "123456789012",
    read: readS3LogFile,
  });

await createBucket(bucket);
const s3 = testS3();
await Promise.all(
  files.map((f, i) => s3.send(new PutObjectCommand({ Bucket: bucket, Key: keyOf(f.key, i), Body: f.body }))),
);
// Neither a digest file nor anything outside AWSLogs/<...>/CloudTrail/ is a log file.
await s3.send(
  new PutObjectCommand({
    Bucket: bucket,
    Key: `${prefix}/AWSLogs/${account}/CloudTrail-Digest/us-east-1/2026/03/09/${account}_CloudTrail-Digest_us-east-1_x_20260309T000000Z.json.gz`,
    Body: logFileBody([]),
  }),
);
await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `${prefix}/notes.txt`, Body: "not a log" }));

test("every log file in both layouts is ingested, with exact request counts", async () => {
  const progress = await ingest();
  assert.equal(progress.filesTotal, files.length);
  assert.equal(progress.filesDone, files.length);
  assert.equal(progress.errors, 0);
  assert.equal(progress.events, expectedRequests());
  assert.ok(progress.ignored > 0, "the demo's non-S3 and non-KMS records are counted as ignored");
  assert.equal(usageTotals().requests, expectedRequests());
  const orders = usageTotals().hourly.filter((r) => r.bucket === "bkc-demo-orders");
  assert.equal(
    orders.reduce((s, r) => s + r.requests, 0),
    expectedRequests("bkc-demo-orders"),
  );
});

test("ingesting again changes nothing", async () => {
  const before = usageTotals();
  const progress = await ingest();
  assert.equal(progress.filesTotal, 0);
  assert.deepEqual(usageTotals(), before);
});

test("a truncated or foreign file is an error with its key and reason; once fixed it is picked up", async () => {
  const extra = demoLogFiles(account, new Date("2026-04-01T00:00:00Z"), 1)[0]!;
  const truncatedKey = `${prefix}/${extra.key}`;
  const foreignKey = truncatedKey.replace(/\.json\.gz$/, "-other.json.gz");
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: truncatedKey,
      Body: extra.body.subarray(0, Math.floor(extra.body.length / 2)),
    }),
  );
  await s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: foreignKey, Body: gzipSync(JSON.stringify({ hello: 1 })) }),
  );
  const before = usageTotals();

  const progress = await ingest();
  assert.equal(progress.errors, 2);
  const errors = new Map(ingestErrors().map((e) => [e.file, e.reason]));
  assert.match(errors.get(`s3://${bucket}/${truncatedKey}`) ?? "", /not a complete gzip file .*truncated/);
  assert.match(errors.get(`s3://${bucket}/${foreignKey}`) ?? "", /no "Records" array: not a CloudTrail log file/);
  assert.deepEqual(usageTotals().requests, before.requests);

  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: truncatedKey, Body: extra.body }));
  const fixed = await ingest();
  assert.equal(fixed.filesDone, 2, "the fixed file and the still-broken one are tried again");
  assert.equal(fixed.errors, 1);
  assert.ok(!ingestErrors().some((e) => e.file.endsWith(truncatedKey)));
  assert.ok(usageTotals().requests > before.requests);

  // A delivered file that changes afterwards is reported, not counted twice.
  const changedKey = keyOf(files[0]!.key, 0);
  const settled = usageTotals();
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: changedKey, Body: extra.body }));
  await ingest();
  assert.match(
    new Map(ingestErrors().map((e) => [e.file, e.reason])).get(`s3://${bucket}/${changedKey}`) ?? "",
    /changed after it was ingested/,
  );
  assert.equal(usageTotals().requests, settled.requests);
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: changedKey, Body: files[0]!.body }));
});

/** Runs the ingest child; with killAfter, SIGKILLs it once it has reported that many files. */
function runChild(
  dataDir: string,
  bucket: string,
  killAfter?: number,
): Promise<{ killed: boolean; totals?: ReturnType<typeof usageTotals>; progressLines: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "tests/integration/usage-ingest-child.ts", bucket, "kill"],
      {
        env: { ...process.env, CONSOLE_DATA_DIR: dataDir, NODE_NO_WARNINGS: "1" },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    let out = "";
    let lines = 0;
    child.stdout.on("data", (d: Buffer) => {
      out += d;
      lines = (out.match(/^progress [1-9]/gm) ?? []).length;
      if (killAfter !== undefined && lines >= killAfter && child.exitCode === null) child.kill("SIGKILL");
    });
    child.on("error", reject);
    child.on("close", (code, signal) => {
      const totals = /^totals (.*)$/m.exec(out)?.[1];
      if (signal !== "SIGKILL" && code !== 0) return reject(new Error(`ingest child exited ${code}`));
      resolve({ killed: signal === "SIGKILL", totals: totals ? JSON.parse(totals) : undefined, progressLines: lines });
    });
  });
}

test("killed with SIGKILL at several points and run again, the totals equal a clean run's", async () => {
  motoUrl();
  const killBucket = uniqueName("kill");
  await createBucket(killBucket);
  const few = demoLogFiles(account, end, 4);
  await Promise.all(
    few.map((f) => s3.send(new PutObjectCommand({ Bucket: killBucket, Key: `kill/${f.key}`, Body: f.body }))),
  );

  const clean = await runChild(mkdtempSync(path.join(tmpdir(), "bkc-clean-")), killBucket);
  assert.equal(clean.totals?.files.length, few.length);

  const resumed = mkdtempSync(path.join(tmpdir(), "bkc-resumed-"));
  const first = await runChild(resumed, killBucket, 1);
  const second = await runChild(resumed, killBucket, 5);
  assert.ok(first.killed && second.killed, "both runs were killed mid-ingest");
  const last = await runChild(resumed, killBucket);
  assert.ok(last.totals!.files.length > 0);
  assert.deepEqual(last.totals!.hourly, clean.totals!.hourly);
  assert.deepEqual(last.totals!.principals, clean.totals!.principals);
  assert.deepEqual(last.totals!.files, clean.totals!.files);
});

test("the API: ingest via the trail, then the media bucket's switch and the savings per method", async () => {
  await new CloudTrailClient({
    region: "us-east-1",
    endpoint: motoUrl(),
    credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
  }).send(
    new CreateTrailCommand({
      Name: uniqueName("trail"),
      S3BucketName: bucket,
      S3KeyPrefix: prefix,
      IsMultiRegionTrail: true,
    }),
  );
  const ingestRoute = await import("@/app/api/usage/ingest/route");
  const started = await jsonOf(
    await ingestRoute.POST(apiRequest("/api/usage/ingest", { method: "POST" }), routeContext()),
    ingestStatusSchema,
  );
  assert.equal(started.state, "running");
  const { ingestFinished } = await import("@/lib/usage/ingest");
  const status = await ingestFinished();
  assert.equal(status.state, "done", status.message ?? "");
  assert.equal(status.source, "trail");
  const polled = await jsonOf(
    await ingestRoute.GET(apiRequest("/api/usage/ingest"), routeContext()),
    ingestStatusSchema,
  );
  assert.deepEqual(polled, status, "the route answers the run's status as it ended");

  const usageRoute = await import("@/app/api/usage/route");
  const range = `from=2026-02-11T00:00:00Z&to=${end.toISOString()}`;
  const media = await jsonOf(
    await usageRoute.GET(apiRequest(`/api/usage?bucket=bkc-demo-media&granularity=day&${range}`), routeContext()),
    usageSeriesSchema,
  );
  assert.equal(media.points.length, 27);
  assert.equal(media.bucketKeyEnabledAt, "2026-02-13T10:00:00.000Z");
  const before = media.points.find((p) => p.t === "2026-02-12T00:00:00.000Z");
  const after = media.points.find((p) => p.t === "2026-03-05T00:00:00.000Z");
  assert.ok(before && after, "both days are in the series");
  assert.ok(
    before.object > 10 * after.object && before.bucket === 0 && after.bucket > 0,
    "object-level calls drop after the switch",
  );
  assert.ok(media.totals.costUsd > 0);

  const bad = await usageRoute.GET(apiRequest("/api/usage?granularity=week"), routeContext());
  assert.match(
    (await errorOf(bad, 400, "invalid_input")).message,
    /granularity: Invalid option: expected one of "hour"\|"day"/,
  );

  const savingsRoute = await import("@/app/api/savings/route");
  const savings = await jsonOf(
    await savingsRoute.GET(apiRequest(`/api/savings?${range}`), routeContext()),
    savingsSchema,
  );
  const row = (b: string) => savings.rows.find((r) => r.bucket === b);
  assert.equal(row("bkc-demo-media")?.method, "realized");
  assert.ok((row("bkc-demo-media")?.monthlySavingUsd ?? 0) > 0);
  assert.equal(row("bkc-demo-orders")?.method, "projected");
  assert.ok((row("bkc-demo-orders")?.monthlySavingUsd ?? 0) > 0);
  assert.equal(row("bkc-demo-clickstream-eu")?.method, "no-baseline");
  // Counted per refresh-window slot (every hour was ingested with slots), per role at most per session.
  const orders = row("bkc-demo-orders")?.projection;
  assert.ok(orders, "orders has a projection");
  assert.equal(orders.hourlyFallbackHours, 0);
  assert.ok(orders.slotHours > 0 && orders.perRoleRequests <= orders.perSessionRequests);
  assert.ok(
    row("bkc-demo-orders")!.explanation.some((l) => /Busiest hour, .*orders-api (decrypt|encrypt) \d\d:\d\d–/.test(l)),
  );
  // Headroom per key: the busiest minute against us-east-1's 100,000/s, lower with a Bucket Key.
  const ordersKey = savings.headroom.find((k) => k.keyArn.includes(":us-east-1:"));
  assert.equal(ordersKey?.quotaPerSecond, 100_000);
  assert.ok(ordersKey.peakPerSecond > 0 && ordersKey.projectedPeakPerSecond < ordersKey.peakPerSecond);

  // What the wizard's pre-flight shows for a candidate.
  const { estimateBucketSaving } = await import("@/lib/usage/reports/savings-report");
  const estimate = await estimateBucketSaving("bkc-demo-orders", true, end.getTime());
  assert.equal(estimate?.method, "projected");
  assert.ok(estimate!.monthlySavingUsd! > 0 && estimate!.peakObjectRequestsPerSecond > 0);
  assert.ok(estimate!.headroom.length > 0 && estimate!.headroom.every((k) => k.region === "us-east-1"));
  assert.equal(await estimateBucketSaving("it-no-such-usage", true, end.getTime()), null);
});

test("pricing settings are validated, stored and used", async () => {
  const pricing = await import("@/app/api/settings/pricing/route");
  const current = await jsonOf(
    await pricing.GET(apiRequest("/api/settings/pricing"), routeContext()),
    pricingSettingsSchema,
  );
  assert.equal(current.pricePer10k, 0.03);
  const bad = await pricing.PUT(
    apiRequest("/api/settings/pricing", { method: "PUT", body: { ...current, pricePer10k: -1 } }),
    routeContext(),
  );
  assert.match((await errorOf(bad, 400, "invalid_input")).message, /pricePer10k: a price cannot be negative/);
  const put = await pricing.PUT(
    apiRequest("/api/settings/pricing", { method: "PUT", body: { ...current, regionPrices: { "eu-west-1": 0.06 } } }),
    routeContext(),
  );
  const saved = { ...current, regionPrices: { "eu-west-1": 0.06 } };
  assert.deepEqual(await jsonOf(put, pricingSettingsSchema), saved);
  const { savingsReport } = await import("@/lib/usage/reports/savings-report");
  const report = await savingsReport(
    { from: "2026-02-11T00:00:00Z", to: end.toISOString() },
    { accounts: undefined, consoleAccount: "123456789012", all: true },
  );
  assert.match(report.assumptions[0]!, /eu-west-1 USD 0.06/);
  const eu = report.rows.find((r) => r.bucket === "bkc-demo-analytics-eu")!;
  assert.ok(Math.abs(eu.costUsd - ((eu.objectRequests + eu.bucketRequests) * 0.06) / 10_000) < 1e-9);
});
