// The bill through Athena (exports too large for one machine). moto's Athena queues queries without running SQL, so
// a stub Athena answers in the API's shapes (QueryExecution.Status and Statistics, ResultSet.Rows of VarCharValue
// with the header first, NextToken between pages), as tests/integration/athena-stub.test.ts does for CloudTrail. The
// rows go through the bill's own fold and store: what Reports reads is checked, as is a rerun and a month that the
// export's files gave before.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { GetQueryExecutionCommand, GetQueryResultsCommand, StartQueryExecutionCommand } from "@aws-sdk/client-athena";

process.env.CONSOLE_DATA_DIR = mkdtempSync(path.join(tmpdir(), "bkc-bill-athena-"));

const { billAthenaColumns, billAthenaSql, readBillThroughAthena } = await import("@/lib/usage/bill/athena-bill");
type AthenaSender = import("@/lib/usage/athena/source").AthenaSender;
const { BillFold } = await import("@/lib/usage/bill/fold");
const { billKeyDays, billPeriods, commitBillFile, unclassifiedLines } = await import("@/lib/usage/store/bill-store");

const account = "123456789012";
const orders = "arn:aws:kms:us-east-1:123456789012:key/0b1d4e6f-1111-4222-8333-944455556666";
const secrets = "arn:aws:kms:eu-west-1:123456789012:key/7c2e9a10-aaaa-4bbb-8ccc-dddd0000eeee";
const scope = [account];

/** A result row: billing period, account, usage type, operation, line type, resource, day, lines, usage, cost. */
const row = (
  period: string,
  resource: string,
  day: string,
  lines: number,
  usage: number,
  usageType = "us-east-1-KMS-Requests",
) => [
  period,
  account,
  usageType,
  usageType.endsWith("KMS-Keys") ? "" : "Decrypt",
  "Usage",
  resource,
  day,
  String(lines),
  String(usage),
  String(usage * 0.000003),
];

const rows = [
  row("2026-10", orders, "2026-10-30", 24, 2_000_000),
  row("2026-10", orders, "2026-10-31", 24, 2_400_000),
  row("2026-11", orders, "2026-11-01", 24, 1_000_000),
  row("2026-11", secrets, "2026-11-01", 24, 300_000, "EU-KMS-Requests"),
  row("2026-11", orders, "2026-11-01", 1, 1, "us-east-1-KMS-Keys"),
  row("2026-11", orders, "2026-11-01", 2, 500, "us-east-1-KMS-XksProxy"),
];

/** A stub Athena: RUNNING, then `final`; results in pages of two rows. */
function stubAthena(
  final: Record<string, unknown>,
  resultRows: string[][],
  header: readonly string[] = billAthenaColumns,
) {
  const queries: string[] = [];
  let polls = 0;
  const all = [[...header], ...resultRows];
  const client = {
    async send(command: { input: Record<string, unknown> }) {
      if (command instanceof StartQueryExecutionCommand) {
        queries.push(String(command.input.QueryString));
        return { QueryExecutionId: `q-${queries.length}`, $metadata: {} };
      }
      if (command instanceof GetQueryExecutionCommand)
        return {
          QueryExecution: {
            QueryExecutionId: command.input.QueryExecutionId,
            Status: polls++ === 0 ? { State: "RUNNING" } : final,
            Statistics: { DataScannedInBytes: 3 * 2 ** 30 },
          },
          $metadata: {},
        };
      if (command instanceof GetQueryResultsCommand) {
        const start = Number(command.input.NextToken ?? 0);
        const next = start + 2 < all.length ? String(start + 2) : undefined;
        return {
          ResultSet: { Rows: all.slice(start, start + 2).map((r) => ({ Data: r.map((v) => ({ VarCharValue: v })) })) },
          ...(next ? { NextToken: next } : {}),
          $metadata: {},
        };
      }
      throw new Error(`unexpected ${command.constructor.name}`);
    },
  } as unknown as AthenaSender;
  return { client, queries };
}

let now = Date.parse("2026-11-20T12:00:00Z");
const clock = { now: () => now, sleep: async (ms: number) => void (now += ms) };
const read = (client: AthenaSender, periods = ["2026-09", "2026-10", "2026-11"]) =>
  readBillThroughAthena({
    client,
    target: { workgroup: "finops" },
    table: { database: "cur", table: "kms_cur2" },
    periods,
    pricePerTb: 5,
    clock,
  });

const succeeded = { State: "SUCCEEDED" };
const totals = () =>
  billKeyDays("2026-09-01", "2026-11-30", scope).map((d) => [d.keyArn.slice(-4), d.day, d.requests, d.costUnits]);

test("the query sums the months' KMS lines per key and day from the export's table", () => {
  const sql = billAthenaSql({ database: "cur", table: "kms_cur2" }, ["2026-10", "2026-11"]);
  assert.match(sql, /FROM "cur"\."kms_cur2"/);
  assert.match(sql, /WHERE billing_period IN \('2026-10', '2026-11'\)\s+AND line_item_product_code = 'awskms'/);
  assert.match(sql, /GROUP BY 1, 2, 3, 4, 5, 6, 7$/);
  assert.throws(() => billAthenaSql({ database: "cur", table: 'x"; DROP' }, ["2026-10"]), /Table .* is not allowed/);
  assert.throws(() => billAthenaSql({ database: "cur", table: "t" }, ["2026-1'"]), /YYYY-MM/);
});

test("a month read from the export's files is replaced by Athena's sums; a month the table lacks is named, untouched", async () => {
  // 2026-10 was read from a file before: 99 requests that Athena's read must replace, not add to.
  const fromFile = new BillFold("file", true);
  fromFile.add(
    {
      productCode: "awskms",
      usageType: "us-east-1-KMS-Requests",
      operation: "Decrypt",
      lineItemType: "Usage",
      resourceId: orders,
      usageAmount: 99,
      unblendedCost: 0.000297,
      usageStart: "2026-10-30T00:00:00Z",
      account,
    },
    1,
  );
  commitBillFile({ key: "s3://billing/cur2/data/2026-10.parquet", etag: '"e1"', period: "2026-10" }, fromFile);
  const { client, queries } = stubAthena(succeeded, rows);
  const got = await read(client);
  assert.equal(queries.length, 1);
  assert.deepEqual(
    { periods: got.periods, missing: got.missing, dropped: got.dropped, queryId: got.queryId },
    { periods: ["2026-10", "2026-11"], missing: ["2026-09"], dropped: 1, queryId: "q-1" },
  );
  assert.equal(got.costUsd, 0.0146484375, "3 GiB scanned at USD 5 per TiB");
  assert.deepEqual(totals(), [
    ["eeee", "2026-11-01", 300_000, 9_000_000_000],
    ["6666", "2026-10-30", 2_000_000, 60_000_000_000],
    ["6666", "2026-10-31", 2_400_000, 72_000_000_000],
    ["6666", "2026-11-01", 1_000_000, 30_000_000_000],
  ]);
  // The XKS line is shown, not dropped; the key's monthly charge is not a request.
  assert.deepEqual(
    unclassifiedLines().map((u) => [u.usageType, u.lines]),
    [["us-east-1-KMS-XksProxy", 2]],
  );
  assert.deepEqual(
    billPeriods().map((p) => [p.period, p.files, p.kmsLines]),
    [
      ["2026-10", 1, 48],
      ["2026-11", 1, 51],
    ],
  );
});

test("reading again replaces each month's sums (nothing counted twice)", async () => {
  const before = totals();
  await read(stubAthena(succeeded, rows).client);
  assert.deepEqual(totals(), before);
});

test("a failed query, or a result of other columns, leaves the bill as it was", async () => {
  const before = totals();
  const reason = "TABLE_NOT_FOUND: Table 'awsdatacatalog.cur.kms_cur2' does not exist";
  await assert.rejects(read(stubAthena({ State: "FAILED", StateChangeReason: reason }, []).client), (err: Error) => {
    assert.match(err.message, /\(KMS bill\) failed: TABLE_NOT_FOUND.*The bill was not changed/);
    return true;
  });
  await assert.rejects(
    read(stubAthena(succeeded, rows, ["kind", "bucket"]).client),
    /unexpected result \(columns kind, bucket\)/,
  );
  assert.deepEqual(totals(), before);
});
