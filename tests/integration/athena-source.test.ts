// The Athena usage source against moto. moto runs no SQL: each StartQueryExecution takes
// the next result queued through its /moto-api/static/athena/query-results endpoint, and
// its state machine (QUEUED → RUNNING → SUCCEEDED) advances on GetQueryExecution calls.
// So this tests the protocol and the store: start, poll until done, page the results in,
// replace the window, record the query. The SQL's meaning is checked with DuckDB
// (lib/usage/athena/sql-duckdb.test.ts); failures and paging with a stub (athena-stub.test.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { AthenaClient, GetDatabaseCommand } from "@aws-sdk/client-athena";
import { motoUrl } from "./helpers";
import type { FileAggregate } from "@/lib/usage/cloudtrail/aggregate";
import type { FileReceipt } from "@/lib/usage/store/receipts";

process.env.CONSOLE_DATA_DIR = mkdtempSync(path.join(tmpdir(), "bkc-athena-it-"));

const { athenaClient } = await import("@/lib/aws/clients");
const { createUsageTable, refreshFromAthena } = await import("@/lib/usage/athena/source");
const { athenaQueries } = await import("@/lib/usage/store/athena-store");
const { usageColumns } = await import("@/lib/usage/athena/sql");
const { scanCostUsd } = await import("@/lib/usage/athena/results");
const { commitFiles } = await import("@/lib/usage/store/writes");
const { usageTotals } = await import("./usage-totals");

const account = "123456789012";
const hour = Date.parse("2026-03-09T00:00:00Z") / 3_600_000;
const window = { fromHour: hour, toHour: hour + 24 };
const table = { database: "kms_usage", table: "cloudtrail_123456789012" };
const target = { workgroup: "primary", outputLocation: "s3://it-athena-results/usage/" };

async function moto(pathname: string, body: unknown): Promise<void> {
  const response = await fetch(`${motoUrl()}${pathname}`, { method: "POST", body: JSON.stringify(body) });
  assert.ok(response.ok, `${pathname}: ${response.status}`);
}

// Two GetQueryExecution calls per state: the source must keep polling through QUEUED and RUNNING.
await moto("/moto-api/state-manager/set-transition", {
  model_name: "athena::execution",
  transition: { progression: "manual", times: 2 },
});

type Row = (string | null)[];
const datum = (v: string | null) => (v === null ? {} : { VarCharValue: v });
/** Queues one result for the next query, header first, as Athena returns a SELECT's rows. */
const queue = (rows: Row[], header: readonly string[] = usageColumns) =>
  moto("/moto-api/static/athena/query-results", {
    account_id: account,
    region: "us-east-1",
    results: [
      {
        rows: [header, ...rows].map((r) => ({ Data: r.map(datum) })),
        column_info: header.map((name) => ({ Name: name, Label: name, Type: "varchar" })),
      },
    ],
  });

const keyArn = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555";
const counts = (bucket: string, h: number, level: string, n: number): Row => [
  "requests",
  bucket,
  String(h),
  "Decrypt",
  level,
  keyArn,
  "us-east-1",
  null,
  String(n),
];
const principal = (bucket: string, h: number, name: string): Row => [
  "principal",
  bucket,
  String(h),
  null,
  null,
  null,
  null,
  name,
  "1",
];

const sleeps: number[] = [];
let now = Date.parse("2026-03-10T01:00:00Z");
const clock = {
  now: () => now,
  sleep: async (ms: number) => {
    sleeps.push(ms);
    now += ms;
  },
};
const refresh = () =>
  refreshFromAthena({
    client: athenaClient("us-east-1"),
    target,
    table,
    account,
    replaces: [account, ""],
    ...window,
    pricePerTb: 5,
    clock,
  });

const firstResult: Row[] = [
  counts("it-orders", hour + 1, "object", 120),
  counts("it-orders", hour + 1, "bucket", 4),
  counts("it-media", hour + 5, "object", 30),
  principal("it-orders", hour + 1, "arn:aws:sts::123456789012:assumed-role/orders-api/a"),
  principal("it-orders", hour + 1, "arn:aws:sts::123456789012:assumed-role/orders-batch/b"),
  principal("it-media", hour + 5, "arn:aws:iam::123456789012:user/alice"),
];

const sumRequests = (bucket?: string) =>
  usageTotals()
    .hourly.filter((r) => !bucket || r.bucket === bucket)
    .reduce((s, r) => s + r.requests, 0);

test("the table is created once confirmed: database then table, each recorded", async () => {
  const ids = await createUsageTable({
    client: athenaClient("us-east-1"),
    target,
    account,
    clock,
    spec: { ...table, bucket: "it-trail-logs", prefix: "audit", account, regions: ["us-east-1", "eu-west-1"] },
  });
  assert.equal(ids.length, 2);
  const athena = new AthenaClient({
    region: "us-east-1",
    endpoint: motoUrl(),
    credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
  });
  const db = await athena.send(new GetDatabaseCommand({ CatalogName: "AwsDataCatalog", DatabaseName: "kms_usage" }));
  assert.equal(db.Database?.Name, "kms_usage");
  assert.deepEqual(
    athenaQueries(account).map((q) => [q.purpose, q.state]),
    [
      ["create-table", "SUCCEEDED"],
      ["create-table", "SUCCEEDED"],
    ],
  );
});

test("a refresh starts the query, polls it through QUEUED and RUNNING, and stores exactly the returned rows with the query's record", async () => {
  // Rows that must survive: another account's bucket in the window, and this account's hours outside it.
  const commitOne = (receipt: FileReceipt, aggregate: FileAggregate) =>
    commitFiles(aggregate, [{ ...receipt, events: aggregate.events, ignored: aggregate.ignored }]);
  commitOne(
    { key: "it://other-account", etag: "1", source: "it", account: "210987654321" },
    {
      rows: [
        {
          bucket: "it-other",
          hour: hour + 1,
          operation: "Decrypt",
          level: "object",
          keyArn,
          region: "us-east-1",
          requests: 7,
        },
      ],
      principals: [{ bucket: "it-other", hour: hour + 1, principal: "p" }],
      slots: [],
      minutes: [],
      events: 7,
      ignored: 0,
      ignoredByReason: {},
    },
  );
  commitOne(
    { key: "it://before-window", etag: "1", source: "it", account },
    {
      rows: [
        {
          bucket: "it-orders",
          hour: hour - 1,
          operation: "Decrypt",
          level: "object",
          keyArn,
          region: "us-east-1",
          requests: 9,
        },
      ],
      principals: [],
      slots: [],
      minutes: [],
      events: 9,
      ignored: 0,
      ignoredByReason: {},
    },
  );
  await queue(firstResult);
  sleeps.length = 0;

  const record = await refresh();

  assert.ok(sleeps.length >= 3, `polled while queued and running (paused ${sleeps.join(", ")} ms)`);
  assert.deepEqual(sleeps.slice(0, 3), [250, 500, 1_000], "pauses grow between polls");
  assert.equal(record.state, "SUCCEEDED");
  assert.match(record.queryId, /^[0-9a-f-]{36}$/);
  assert.equal(record.requests, 154);
  assert.equal(sumRequests("it-orders"), 120 + 4 + 9);
  assert.equal(sumRequests("it-media"), 30);
  assert.equal(sumRequests("it-other"), 7);
  const principals = usageTotals().principals as { bucket: string; hour: number; name: string }[];
  assert.deepEqual(
    principals.filter((p) => p.bucket === "it-orders").map((p) => p.name),
    ["arn:aws:sts::123456789012:assumed-role/orders-api/a", "arn:aws:sts::123456789012:assumed-role/orders-batch/b"],
  );
  // moto reports 0 bytes scanned: Athena still bills its 10 MB minimum.
  const [stored] = athenaQueries(account);
  assert.deepEqual({ ...stored, finishedAt: undefined }, { ...record, finishedAt: undefined });
  assert.equal(stored!.dataScannedBytes, 0);
  assert.equal(stored!.costUsd, scanCostUsd(0, 5));
  assert.ok(stored!.costUsd > 0);
  assert.deepEqual([stored!.fromHour, stored!.toHour], [window.fromHour, window.toHour]);
});

test("refreshing the same window again replaces its rows instead of adding to them", async () => {
  const before = usageTotals();
  await queue(firstResult);
  await refresh();
  assert.deepEqual(usageTotals().hourly, before.hourly);
  assert.deepEqual(usageTotals().principals, before.principals);

  // Fewer calls this time (a late correction): the window holds the new figures only.
  await queue([
    counts("it-orders", hour + 1, "object", 100),
    principal("it-orders", hour + 1, "arn:aws:iam::123456789012:user/alice"),
  ]);
  await refresh();
  assert.equal(sumRequests("it-orders"), 100 + 9);
  assert.equal(sumRequests("it-media"), 0, "a bucket missing from the new result has no rows left in the window");
  assert.equal(sumRequests("it-other"), 7, "another account's rows are untouched");
  const orders = (usageTotals().principals as { bucket: string; name: string }[]).filter(
    (p) => p.bucket === "it-orders",
  );
  assert.deepEqual(
    orders.map((p) => p.name),
    ["arn:aws:iam::123456789012:user/alice"],
  );
  assert.equal(athenaQueries(account).filter((q) => q.purpose === "refresh").length, 3, "every refresh is recorded");
});

test("a result that is not the aggregation's (wrong columns) is refused and the store is unchanged", async () => {
  const before = usageTotals();
  await queue([["1", "2"]], ["bucket", "requests"]);
  await assert.rejects(
    refresh(),
    (err: Error & { code?: string }) =>
      err.code === "check_failed" && /unexpected result \(columns bucket, requests\).*not changed/.test(err.message),
  );
  assert.deepEqual(usageTotals(), before);
});

test("a workgroup Athena does not know is named in the error", async () => {
  await assert.rejects(
    refreshFromAthena({
      client: athenaClient("us-east-1"),
      target: { workgroup: "no-such-workgroup" },
      table,
      account,
      replaces: [account],
      ...window,
      pricePerTb: 5,
      clock,
    }),
    (err: Error & { code?: string }) =>
      err.code === "check_failed" && /Athena refused StartQueryExecution: WorkGroup does not exist/.test(err.message),
  );
});
