// What the bill's Athena query means, checked on the demo's own Data Export: DuckDB runs the query text unchanged
// (date_format as a macro over strftime, billing_period from the files' BILLING_PERIOD= folders, as the export's
// Glue table partitions it) over the real-format Parquet files, and its rows, folded as the console folds them, must
// give what reading the same files gives.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { parquetExportFile } from "@/scripts/data-export-format";
import { demoBillLines } from "@/scripts/demo-bill";
import { stableKeyArn } from "@/scripts/cloudtrail-format";
import { billAthenaColumns, billAthenaSql, foldBillRows } from "./athena-bill";
import { foldParquetBill } from "./parquet-bill";
import type { BillFold } from "./fold";

const account = "123456789012";
const orders = stableKeyArn("us-east-1", account, "orders-data");
// 45 days of S3's calls with the demo's key, over two billing periods; the demo adds the other callers and lines.
const calls = new Map<string, number>();
for (let d = 0; d < 45; d++) {
  const day = new Date(Date.parse("2026-10-10T00:00:00Z") + d * 86_400_000).toISOString().slice(0, 10);
  calls.set(`${day}\t${orders}\tDecrypt`, 1_234_567 + d * 1_001);
  calls.set(`${day}\t${orders}\tGenerateDataKey`, 654_321 + d * 77);
}
const byMonth = demoBillLines([{ id: account, calls }]);

const dir = mkdtempSync(path.join(tmpdir(), "bkc-bill-duckdb-"));
const files = [...byMonth].map(([period, lines]) => {
  const file = path.join(dir, `BILLING_PERIOD=${period}`, "part-00001.snappy.parquet");
  mkdirSync(path.dirname(file), { recursive: true });
  const bytes = parquetExportFile(lines);
  writeFileSync(file, bytes);
  return { period, bytes, lines: lines.length };
});

async function runInDuckDb(sql: string) {
  const db = await DuckDBInstance.create(":memory:");
  const c = await db.connect();
  await c.run(`CREATE MACRO date_format(t, f) AS strftime(t, f)`);
  await c.run(`CREATE SCHEMA cur`);
  await c.run(`CREATE VIEW cur.kms_cur2 AS
    SELECT *, regexp_extract(filename, 'BILLING_PERIOD=(\\d{4}-\\d{2})', 1) AS billing_period
    FROM read_parquet('${dir}/*/*.parquet', filename = true, hive_partitioning = false)`);
  const reader = await c.runAndReadAll(sql);
  assert.deepEqual(reader.columnNames(), [...billAthenaColumns]);
  // Athena hands every value over as text.
  return reader.getRowsJson().map((row) => row.map((v) => (v === null ? undefined : String(v))));
}

const summary = (fold: BillFold) => ({
  rows: [...fold.rows.values()]
    .map((r) => `${r.account} ${r.keyArn} ${r.day} ${r.requestClass} ${r.operation} ${r.requests}`)
    .sort(),
  unclassified: [...fold.unclassified.values()]
    .map((u) => `${u.usageType} ${u.operation} ${u.reason} ${u.lines}`)
    .sort(),
  kmsLines: fold.kmsLines,
  keyStorageLines: fold.keyStorageLines,
});
const cost = (fold: BillFold) => [...fold.rows.values()].reduce((s, r) => s + r.costUnits, 0);

test("the Athena query over the export's table gives what reading its files gives, month by month", async () => {
  const periods = files.map((f) => f.period);
  assert.deepEqual(periods, ["2026-10", "2026-11"]);
  const viaAthena = foldBillRows(
    await runInDuckDb(billAthenaSql({ database: "cur", table: "kms_cur2" }, periods)),
    "t",
  );
  for (const f of files) {
    const fromFile = await foldParquetBill(
      { byteLength: f.bytes.byteLength, slice: async (s, e) => f.bytes.slice(s, e).buffer },
      f.period,
    );
    const got = viaAthena.get(f.period)!;
    assert.ok(fromFile.rows.size > 50 && fromFile.unclassified.size > 0 === (f.period === "2026-10"));
    assert.deepEqual(summary(got), summary(fromFile), f.period);
    // The files' reader rounds each line's cost to 1e-10 USD, the query sums a day's lines first: at most half a unit
    // a line apart.
    assert.ok(Math.abs(cost(got) - cost(fromFile)) <= f.lines / 2, `${f.period}: ${cost(got)} vs ${cost(fromFile)}`);
  }
});
