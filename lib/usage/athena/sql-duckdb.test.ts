// What the Athena aggregation means, checked on the demo's own log files: DuckDB runs the
// query text unchanged over the gzipped files, and its result must equal what file
// ingestion (aggregate.ts) computes from the same files.
//
// Where Trino and DuckDB differ, three DuckDB macros define the Trino functions the query
// uses; that is the whole translation:
//   from_iso8601_timestamp(s) → CAST(s AS TIMESTAMPTZ); to_unixtime(t) → epoch(t);
//   json_extract_scalar(j, '$.a["k"]') → json_extract_string(j, '$.a."k"') (DuckDB's path syntax for the key).
// The view below stands in for the CloudTrailSerde table: one row per record, the same
// lower-case columns, requestparameters as JSON text, region and date from the folder.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { DuckDBInstance } from "@duckdb/node-api";
import { demoLogFiles } from "@/scripts/demo-cloudtrail";
import { logFileBody, logFileKey } from "@/scripts/cloudtrail-format";
import { aggregateRecords, type FileAggregate } from "@/lib/usage/cloudtrail/aggregate";
import { rowsToAggregate, type ResultRow } from "./results";
import { usageColumns, usageQuerySql } from "./sql";

const account = "123456789012";
const end = new Date("2026-03-10T00:00:00Z");
const days = 4;
const start = end.getTime() - days * 86_400_000;
const hour0 = start / 3_600_000;
// Neither end on a day boundary: the hour filter, not the date partitions, decides.
const window = { from: hour0 + 17, to: hour0 + 3 * 24 + 5 };
const lastHourMs = (window.to - 1) * 3_600_000;

const keyArn = "arn:aws:kms:us-east-1:123456789012:key/0f0e0d0c-1111-2222-3333-444455556666";
const edge = (over: Record<string, unknown>) => ({
  eventSource: "kms.amazonaws.com",
  eventName: "Decrypt",
  eventTime: new Date(lastHourMs + 600_000).toISOString().replace(/\.\d{3}Z$/, "Z"),
  awsRegion: "us-east-1",
  userIdentity: {
    type: "AssumedRole",
    principalId: "AROAEDGE:edge",
    arn: "arn:aws:sts::123456789012:assumed-role/edge/edge",
    invokedBy: "s3.amazonaws.com",
  },
  requestParameters: { encryptionContext: { "aws:s3:arn": "arn:aws:s3:::edge-bucket/a.txt" } },
  resources: [{ accountId: account, type: "AWS::KMS::Key", ARN: keyArn }],
  ...over,
});

// The corners of cloudtrail-record.ts, in a file delivered the day after the window's last hour.
const edgeRecords = [
  edge({}),
  edge({
    eventName: "ReEncrypt",
    resources: [],
    requestParameters: {
      destinationEncryptionContext: { "aws:s3:arn": "arn:aws:s3:::edge-bucket/b" },
      destinationKeyId: "alias/edge",
    },
  }),
  edge({
    requestParameters: {
      encryptionContext: { "aws:s3:arn": "" },
      sourceEncryptionContext: { "aws:s3:arn": "arn:aws:s3:::edge-src/c" },
    },
  }),
  edge({ requestParameters: { encryptionContext: { "aws:s3:arn": "arn:aws:s3:::edge-bucket/" } } }),
  edge({
    eventName: "GenerateDataKey",
    requestParameters: { encryptionContext: { "aws:s3:arn": "arn:aws-cn:s3:::edge-cn/x/y" }, keyId: "k-1" },
    resources: [{ ARN: "arn:aws:iam::1:role/x" }],
  }),
  edge({ requestParameters: { encryptionContext: { "aws:s3:arn": "arn:aws:s3:::" } } }),
  edge({ requestParameters: { encryptionContext: { "aws:s3:arn": "arn:aws:sqs:us-east-1:1:q" } } }),
  edge({ errorCode: "" }),
  edge({ errorCode: "AccessDenied" }),
  edge({ eventTime: "yesterday" }),
  edge({ awsRegion: undefined }),
  edge({ eventName: "DescribeKey" }),
  edge({ eventSource: "s3.amazonaws.com" }),
  edge({ userIdentity: { type: "AWSService", invokedBy: "s3.amazonaws.com" } }),
  edge({ userIdentity: { type: "AWSAccount" } }),
  edge({ userIdentity: {} }),
  edge({ eventTime: new Date(window.to * 3_600_000).toISOString() }),
  edge({ eventTime: new Date(window.from * 3_600_000 - 1000).toISOString() }),
];

const dir = mkdtempSync(path.join(tmpdir(), "bkc-athena-sql-"));
const files = [
  ...demoLogFiles(account, end, days),
  { key: logFileKey(account, "us-east-1", new Date(lastHourMs + 86_400_000), "edge"), body: logFileBody(edgeRecords) },
];
for (const f of files) {
  mkdirSync(path.join(dir, path.dirname(f.key)), { recursive: true });
  writeFileSync(path.join(dir, f.key), f.body);
}

const recordType = `STRUCT(
  eventTime VARCHAR, eventSource VARCHAR, eventName VARCHAR, awsRegion VARCHAR, errorCode VARCHAR, requestParameters JSON,
  userIdentity STRUCT(type VARCHAR, principalId VARCHAR, arn VARCHAR, invokedBy VARCHAR),
  resources STRUCT(ARN VARCHAR, accountId VARCHAR, type VARCHAR)[])[]`;

async function runInDuckDb(sql: string): Promise<ResultRow[]> {
  const db = await DuckDBInstance.create(":memory:");
  const c = await db.connect();
  await c.run(`CREATE MACRO from_iso8601_timestamp(s) AS CAST(s AS TIMESTAMPTZ)`);
  await c.run(`CREATE MACRO to_unixtime(t) AS epoch(t)`);
  await c.run(
    `CREATE MACRO json_extract_scalar(j, p) AS json_extract_string(j, replace(replace(p, '["', '."'), '"]', '"'))`,
  );
  await c.run(`CREATE SCHEMA kms_usage`);
  await c.run(`CREATE VIEW kms_usage.cloudtrail AS
    SELECT r.eventTime AS eventtime, r.eventSource AS eventsource, r.eventName AS eventname, r.awsRegion AS awsregion,
           r.errorCode AS errorcode, CAST(r.requestParameters AS VARCHAR) AS requestparameters,
           r.userIdentity AS useridentity, list_transform(r.resources, x -> {'arn': x.ARN, 'accountid': x.accountId, 'type': x.type}) AS resources,
           regexp_extract(filename, '/CloudTrail/([^/]+)/', 1) AS region,
           regexp_extract(filename, '/CloudTrail/[^/]+/(\\d{4}/\\d{2}/\\d{2})/', 1) AS "date"
    FROM (SELECT unnest(Records) AS r, filename
          FROM read_json('${dir}/AWSLogs/*/CloudTrail/*/*/*/*/*.json.gz', columns = {Records: '${recordType}'}, filename = true))`);
  const reader = await c.runAndReadAll(sql);
  assert.deepEqual(reader.columnNames(), [...usageColumns]);
  // Athena hands every value over as text, NULL as a missing VarCharValue.
  return reader.getRowsJson().map((row) => row.map((v) => (v === null ? undefined : String(v))));
}

function sorted(a: Pick<FileAggregate, "rows" | "principals">) {
  const rows = a.rows
    .map((r) => `${r.bucket}|${r.hour}|${r.operation}|${r.level}|${r.keyArn}|${r.region}|${r.requests}`)
    .sort();
  const principals = a.principals.map((p) => `${p.bucket}|${p.hour}|${p.principal}`).sort();
  return { rows, principals };
}

test("the Athena aggregation returns exactly what file ingestion stores, on the demo's log files", async () => {
  const records = files.flatMap((f) => (JSON.parse(gunzipSync(f.body).toString()) as { Records: unknown[] }).Records);
  const all = aggregateRecords(records);
  const inWindow = (h: number) => h >= window.from && h < window.to;
  const expected = {
    rows: all.rows.filter((r) => inWindow(r.hour)),
    principals: all.principals.filter((p) => inWindow(p.hour)),
  };
  assert.ok(
    expected.rows.length > 500 &&
      expected.rows.some((r) => r.level === "bucket") &&
      expected.rows.some((r) => r.level === "object"),
  );

  const got = rowsToAggregate(
    await runInDuckDb(usageQuerySql({ database: "kms_usage", table: "cloudtrail" }, window.from, window.to)),
  );

  assert.deepEqual(sorted(got), sorted(expected));
  assert.equal(
    got.events,
    expected.rows.reduce((s, r) => s + r.requests, 0),
  );
  // The corner records landed where the parser puts them (not just "equal": present).
  const edgeRows = got.rows.filter((r) => r.bucket.startsWith("edge"));
  assert.deepEqual(edgeRows.map((r) => `${r.bucket} ${r.level} ${r.operation} ${r.keyArn} ${r.requests}`).sort(), [
    `edge-bucket bucket Decrypt ${keyArn} 1`,
    `edge-bucket object Decrypt ${keyArn} 5`,
    "edge-bucket object ReEncrypt alias/edge 1",
    "edge-cn object GenerateDataKey k-1 1",
    `edge-src object Decrypt ${keyArn} 1`,
  ]);
  const edgePrincipals = new Set(got.principals.filter((p) => p.bucket === "edge-bucket").map((p) => p.principal));
  assert.deepEqual([...edgePrincipals].sort(), [
    "AWSAccount",
    "arn:aws:sts::123456789012:assumed-role/edge/edge",
    "s3.amazonaws.com",
    "unknown",
  ]);
});
