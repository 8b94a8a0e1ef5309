// The usage-source settings through their routes, against moto: the recommendation from the
// trail's recent log volume, the Athena table created only from the SQL shown, and an
// ingestion run that, with Athena as the source, stores the query's rows and records it.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { CloudTrailClient, CreateTrailCommand, DeleteTrailCommand } from "@aws-sdk/client-cloudtrail";
import { ingestStatusSchema } from "@/lib/contracts/usage";
import { usageSourceStatusSchema, type UsageSourceSettings } from "@/lib/contracts/usage-source";
import { apiRequest, createBucket, errorOf, jsonOf, motoUrl, routeContext, testS3, uniqueName } from "./helpers";

process.env.CONSOLE_DATA_DIR = mkdtempSync(path.join(tmpdir(), "bkc-athena-settings-"));

const { demoLogFiles } = await import("@/scripts/demo-cloudtrail");
const { usageColumns } = await import("@/lib/usage/athena/sql");
const sourceRoute = await import("@/app/api/settings/usage-source/route");
const tableRoute = await import("@/app/api/settings/usage-source/athena-table/route");
const { usageTotals } = await import("./usage-totals");

const account = "123456789012";
const bucket = uniqueName("athena-trail");
const prefix = "audit";
const trailName = uniqueName("trail");
const today = new Date(new Date().toISOString().slice(0, 10));
const files = demoLogFiles(account, today, 3);

const cloudTrail = new CloudTrailClient({
  region: "us-east-1",
  endpoint: motoUrl(),
  credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
});
await createBucket(bucket);
await Promise.all(
  files.map((f) => testS3().send(new PutObjectCommand({ Bucket: bucket, Key: `${prefix}/${f.key}`, Body: f.body }))),
);
await cloudTrail.send(
  new CreateTrailCommand({ Name: trailName, S3BucketName: bucket, S3KeyPrefix: prefix, IsMultiRegionTrail: true }),
);
// Other test files ingest every trail they find: leave none behind.
after(() => cloudTrail.send(new DeleteTrailCommand({ Name: trailName })));

const get = async () =>
  jsonOf(await sourceRoute.GET(apiRequest("/api/settings/usage-source"), routeContext()), usageSourceStatusSchema);

test("a small trail is recommended as log files, with its daily volume; the table's SQL is shown but not created", async () => {
  const status = await get();
  assert.equal(status.account, account);
  assert.equal(status.settings.source, "automatic");
  assert.equal(status.recommendation.source, "log-files");
  assert.equal(status.recommendation.trail, `s3://${bucket}/${prefix}`);
  const bytes = files.reduce((s, f) => s + f.body.length, 0);
  assert.equal(status.recommendation.bytesPerDay, bytes / 3);
  assert.match(status.recommendation.reason, /small enough to download/);
  assert.equal(status.table.createdAt, null);
  const sql = status.table.sql ?? [];
  assert.equal(sql.length, 2);
  assert.match(sql[1]!, new RegExp(`LOCATION 's3://${bucket}/${prefix}/AWSLogs/${account}/CloudTrail/'`));
  assert.match(sql[1]!, /`bucket_key_console`\.`cloudtrail_kms_123456789012`/);
});

test("settings are validated, saved per account, and the table is created only from the SQL the user saw", async () => {
  const current = await get();
  const bad = await sourceRoute.PUT(
    apiRequest("/api/settings/usage-source", {
      method: "PUT",
      body: { ...current.settings, athena: { ...current.settings.athena, windowDays: 0 } },
    }),
    routeContext(),
  );
  assert.match((await errorOf(bad, 400, "invalid_input")).message, /athena\.windowDays: at least one day/);

  const settings: UsageSourceSettings = {
    source: "athena",
    athena: { ...current.settings.athena, outputLocation: "s3://it-athena-results/usage/", windowDays: 7 },
  };
  const saved = await sourceRoute.PUT(
    apiRequest("/api/settings/usage-source", { method: "PUT", body: settings }),
    routeContext(),
  );
  assert.deepEqual((await jsonOf(saved, usageSourceStatusSchema)).settings, settings);
  assert.deepEqual((await get()).settings, settings);

  const shown = (await get()).table.sql ?? [];
  const edited = [shown[0], shown[1]!.replace(`${bucket}/${prefix}`, "someone-elses-bucket/x")];
  const refused = await tableRoute.POST(
    apiRequest("/api/settings/usage-source/athena-table", { method: "POST", body: { sql: edited } }),
    routeContext(),
  );
  assert.match((await errorOf(refused, 409, "conflict")).message, /SQL has changed since it was shown/);
  assert.equal((await get()).queries.length, 0, "nothing ran");

  const created = await tableRoute.POST(
    apiRequest("/api/settings/usage-source/athena-table", { method: "POST", body: { sql: shown } }),
    routeContext(),
  );
  const status = await jsonOf(created, usageSourceStatusSchema);
  assert.ok(status.table.createdAt);
  assert.deepEqual(
    status.queries.map((q) => `${q.purpose} ${q.state}`),
    ["create-table SUCCEEDED", "create-table SUCCEEDED"],
  );
});

test("an ingestion run with Athena as the source stores the query's rows and records the query", async () => {
  const hour = Math.floor(Date.now() / 3_600_000) - 5;
  const row = (kind: string, values: Partial<Record<(typeof usageColumns)[number], string>>) => ({
    Data: usageColumns.map((c) =>
      c === "kind" ? { VarCharValue: kind } : values[c] === undefined ? {} : { VarCharValue: values[c] },
    ),
  });
  const rows = [
    { Data: usageColumns.map((c) => ({ VarCharValue: c })) },
    row("requests", {
      bucket: "it-athena-orders",
      hour: String(hour),
      operation: "Decrypt",
      level: "object",
      key_arn: "arn:aws:kms:us-east-1:123456789012:key/k",
      region: "us-east-1",
      requests: "4200",
    }),
    row("principal", {
      bucket: "it-athena-orders",
      hour: String(hour),
      principal: "arn:aws:iam::123456789012:role/orders-api",
      requests: "4200",
    }),
  ];
  const queued = await fetch(`${motoUrl()}/moto-api/static/athena/query-results`, {
    method: "POST",
    body: JSON.stringify({ account_id: account, region: "us-east-1", results: [{ rows, column_info: [] }] }),
  });
  assert.equal(queued.status, 201);

  const ingestRoute = await import("@/app/api/usage/ingest/route");
  const started = await jsonOf(
    await ingestRoute.POST(apiRequest("/api/usage/ingest", { method: "POST" }), routeContext()),
    ingestStatusSchema,
  );
  assert.equal(started.state, "running");
  const { ingestFinished } = await import("@/lib/usage/ingest");
  const status = await ingestFinished();
  assert.equal(status.state, "done", status.message ?? "");
  assert.equal(status.source, "athena");
  assert.equal(status.events, 4200);
  assert.deepEqual(
    usageTotals().hourly.map((r) => [r.bucket, r.requests]),
    [["it-athena-orders", 4200]],
    "the demo's log files in the trail were not downloaded: Athena's rows are the store's",
  );
  const [refresh] = (await get()).queries;
  assert.equal(refresh?.purpose, "refresh");
  assert.equal(refresh?.requests, 4200);
  assert.equal(
    (refresh?.toHour ?? 0) - (refresh?.fromHour ?? 0),
    7 * 24 + 1,
    "the first refresh reads the configured 7 days up to the current hour",
  );
});
