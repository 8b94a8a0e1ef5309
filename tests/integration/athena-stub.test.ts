// What moto cannot play: a query that fails or is cancelled, results spread over several
// pages, real bytes scanned, a query that never finishes. A stub answers in the shapes the
// Athena API returns (QueryExecution.Status / Statistics, ResultSet.Rows, NextToken).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { GetQueryExecutionCommand, GetQueryResultsCommand, StartQueryExecutionCommand } from "@aws-sdk/client-athena";

process.env.CONSOLE_DATA_DIR = mkdtempSync(path.join(tmpdir(), "bkc-athena-stub-"));

const { refreshFromAthena } = await import("@/lib/usage/athena/source");
type AthenaSender = import("@/lib/usage/athena/source").AthenaSender;
const { athenaQueries } = await import("@/lib/usage/store/athena-store");
const { usageColumns } = await import("@/lib/usage/athena/sql");
const { usageTotals } = await import("./usage-totals");

const account = "123456789012";
const hour = Date.parse("2026-03-09T00:00:00Z") / 3_600_000;
const keyArn = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555";

type Status = {
  State: string;
  StateChangeReason?: string;
  AthenaError?: { ErrorCategory: number; ErrorType: number; ErrorMessage: string };
};

/** A stub Athena: the states GetQueryExecution walks through, then result pages of `rowsPerPage`. */
function stubAthena(states: Status[], rows: string[][], { rowsPerPage = 1000, bytes = 0 } = {}) {
  const calls: { name: string; input: Record<string, unknown> }[] = [];
  const all = [[...usageColumns], ...rows];
  let polls = 0;
  const client = {
    async send(command: { input: Record<string, unknown> }) {
      calls.push({ name: command.constructor.name, input: command.input });
      if (command instanceof StartQueryExecutionCommand) return { QueryExecutionId: "q-0001", $metadata: {} };
      if (command instanceof GetQueryExecutionCommand) {
        const status = states[Math.min(polls++, states.length - 1)]!;
        return {
          QueryExecution: {
            QueryExecutionId: "q-0001",
            Status: status,
            Statistics: { DataScannedInBytes: bytes, EngineExecutionTimeInMillis: 1200 },
          },
          $metadata: {},
        };
      }
      if (command instanceof GetQueryResultsCommand) {
        const start = command.input.NextToken ? Number(String(command.input.NextToken).slice(4)) : 0;
        const page = all.slice(start, start + rowsPerPage);
        const next = start + rowsPerPage < all.length ? `tok-${start + rowsPerPage}` : undefined;
        return {
          ResultSet: {
            Rows: page.map((r) => ({ Data: r.map((v) => (v === "" ? {} : { VarCharValue: v })) })),
            ResultSetMetadata: { ColumnInfo: usageColumns.map((n) => ({ Name: n, Type: "varchar" })) },
          },
          ...(next ? { NextToken: next } : {}),
          $metadata: {},
        };
      }
      throw new Error(`unexpected ${command.constructor.name}`);
    },
  } as unknown as AthenaSender;
  return { client, calls };
}

let now = Date.parse("2026-03-10T01:00:00Z");
const clock = { now: () => now, sleep: async (ms: number) => void (now += ms) };
const refresh = (client: AthenaSender) =>
  refreshFromAthena({
    client,
    target: { workgroup: "analytics" },
    table: { database: "kms_usage", table: "ct" },
    account,
    replaces: [account],
    fromHour: hour,
    toHour: hour + 24,
    pricePerTb: 5,
    clock,
  });

const running = { State: "RUNNING" };

test("a failed query shows Athena's reason, is recorded at no cost, and leaves the store unchanged", async () => {
  const before = usageTotals();
  const reason = "TABLE_NOT_FOUND: line 12:8: Table 'awsdatacatalog.kms_usage.ct' does not exist";
  const { client } = stubAthena(
    [
      running,
      {
        State: "FAILED",
        StateChangeReason: reason,
        AthenaError: { ErrorCategory: 2, ErrorType: 1301, ErrorMessage: reason },
      },
    ],
    [],
  );
  await assert.rejects(refresh(client), (err: Error & { code?: string }) => {
    assert.equal(err.code, "check_failed");
    assert.equal(
      err.message,
      `Athena query q-0001 (usage refresh) failed: ${reason}. The usage store was not changed.`,
    );
    return true;
  });
  assert.deepEqual(usageTotals(), before);
  const [recorded] = athenaQueries(account);
  assert.deepEqual(
    [recorded!.queryId, recorded!.state, recorded!.costUsd, recorded!.reason],
    ["q-0001", "FAILED", 0, reason],
  );
});

test("a cancelled query says so, and the data it scanned is billed", async () => {
  const { client } = stubAthena([{ State: "CANCELLED", StateChangeReason: "Query was cancelled by user" }], [], {
    bytes: 3 * 1024 ** 4,
  });
  await assert.rejects(
    refresh(client),
    /Athena query q-0001 \(usage refresh\) was cancelled: Query was cancelled by user\./,
  );
  assert.equal(athenaQueries(account)[0]!.costUsd, 15);
});

test("results over several pages are all stored; the header is only on the first page; bytes and cost are recorded", async () => {
  const rows: string[][] = [];
  for (let h = 0; h < 24; h++) {
    for (const bucket of ["it-a", "it-b", "it-c"]) {
      rows.push([
        "requests",
        bucket,
        String(hour + h),
        "GenerateDataKey",
        "object",
        keyArn,
        "us-east-1",
        "",
        String(h + 1),
      ]);
      rows.push([
        "principal",
        bucket,
        String(hour + h),
        "",
        "",
        "",
        "",
        `arn:aws:iam::123456789012:role/r${h % 4}`,
        String(h + 1),
      ]);
    }
  }
  const { client, calls } = stubAthena([{ State: "QUEUED" }, running, running, { State: "SUCCEEDED" }], rows, {
    rowsPerPage: 50,
    bytes: 52_428_800_000,
  });
  const record = await refresh(client);

  const pages = calls.filter((c) => c.name === "GetQueryResultsCommand");
  assert.equal(pages.length, Math.ceil((rows.length + 1) / 50));
  assert.deepEqual(
    pages.map((p) => p.input.NextToken),
    [undefined, "tok-50", "tok-100"],
  );
  assert.equal(calls.filter((c) => c.name === "GetQueryExecutionCommand").length, 4);
  const start = calls.find((c) => c.name === "StartQueryExecutionCommand")!.input;
  assert.equal(start.WorkGroup, "analytics");
  assert.match(String(start.QueryString), /FROM "kms_usage"\."ct"/);

  const expected = 3 * ((24 * 25) / 2);
  assert.equal(usageTotals().requests, expected);
  assert.equal(usageTotals().principals.length, 72);
  assert.equal(record.requests, expected);
  const [stored] = athenaQueries(account);
  assert.equal(stored!.dataScannedBytes, 52_428_800_000);
  // 52,428,800,000 bytes = exactly 50,000 MiB: USD 5 per TiB.
  assert.equal(stored!.costUsd, (50_000 * 5) / (1024 * 1024));
});

test("a query that never finishes gives up with the query id, without touching the store", async () => {
  const before = usageTotals();
  const { client } = stubAthena([running], []);
  await assert.rejects(
    refresh(client),
    /Athena query q-0001 is still running after 30 minutes; the usage store was not changed/,
  );
  assert.deepEqual(usageTotals(), before);
});
