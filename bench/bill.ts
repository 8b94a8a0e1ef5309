// Reading the KMS bill at organisation scale. Generates (once, cached under bench/data/, which git
// ignores) a year of a 100-account organisation's Data Export with resource ids: --rows line items
// (default 20,000,000) in --files Parquet files (DuckDB's COPY TO, Snappy, 122,880-row groups), of
// which 3% are KMS request lines (awskms, <region>-KMS-Requests, a key ARN of 20 keys per account
// and region). Then, each in a process of its own so peak RSS is its own:
//   console     lib/usage/bill/parquet-bill.ts over every file, folded per account, key and day
//   duckdb      DuckDB computing the same per-account-key-day totals over the same files
//   reconcile   the console's fold committed to its bill store, 90 days of CloudTrail hours for one
//               key, then the reconciliation report for that key over 90 days: uncached, then cached
// The console's and DuckDB's totals must agree exactly (a digest of every account-key-day's requests
// and cost in 1e-10 USD); the run fails otherwise.
//
//   npx tsx --conditions=react-server bench/bill.ts [--rows 20000000] [--files 48]
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { foldParquetBill } from "../lib/usage/bill/parquet-bill";
import type { BillFold } from "../lib/usage/bill/fold";
import { benchArgs } from "./args";
import { localFiles } from "./local-files";

const options = benchArgs("npx tsx --conditions=react-server bench/bill.ts [--rows N] [--files N]", {
  rows: 20_000_000,
  files: 48,
  child: "",
});
const { rows, files } = options;
const dir = path.resolve(import.meta.dirname, "data", `bill-${rows}-${files}`);
const fileNames = () =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".parquet"))
    .sort();
const cpuSeconds = (from: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1e6;
};

async function generate(): Promise<void> {
  if (existsSync(path.join(dir, "done"))) return;
  mkdirSync(dir, { recursive: true });
  console.log(`generating ${rows.toLocaleString()} line items in ${files} Parquet files under ${dir} …`);
  const db = await (await DuckDBInstance.create()).connect();
  for (let f = 0; f < files; f++) {
    const from = Math.floor((rows * f) / files);
    const to = Math.floor((rows * (f + 1)) / files);
    const month = f % 12;
    await db.run(
      `COPY (
         WITH l AS (
           SELECT i, i % 33 = 0 AS kms, ['us-east-1', 'eu-west-1', 'ap-south-1'][1 + (i // 7) % 3] AS region,
                  lpad(CAST(100000000000 + (i // 3) % 100 AS VARCHAR), 12, '0') AS account
           FROM range(${from}, ${to}) t(i))
         SELECT 'li-' || i AS identity_line_item_id,
                '999999999999' AS bill_payer_account_id,
                'Usage' AS line_item_line_item_type,
                TIMESTAMP '2026-01-01' + INTERVAL ${month} MONTH + to_hours((i * 7919) % (28 * 24)) AS line_item_usage_start_date,
                account AS line_item_usage_account_id,
                CASE WHEN kms THEN 'awskms' ELSE ['AmazonS3', 'AmazonEC2', 'AmazonRDS', 'AWSLambda'][1 + i % 4] END
                  AS line_item_product_code,
                CASE WHEN kms THEN region || '-KMS-Requests' ELSE 'USE1-BoxUsage:m7g.large' END AS line_item_usage_type,
                CASE WHEN kms THEN ['Decrypt', 'GenerateDataKey'][1 + i % 2] ELSE 'RunInstances' END AS line_item_operation,
                CASE WHEN kms THEN 'arn:aws:kms:' || region || ':' || account || ':key/k' || (i // 100) % 20
                     ELSE 'i-' || i END AS line_item_resource_id,
                CAST(1 + (i * 2654435761) % 5000 AS DOUBLE) AS line_item_usage_amount,
                CAST(1 + (i * 2654435761) % 5000 AS DOUBLE) * 0.000003 AS line_item_unblended_cost,
                '{"product_name": "x"}' AS product
         FROM l) TO '${path.join(dir, `part-${String(f).padStart(4, "0")}.parquet`)}' (FORMAT parquet)`,
    );
  }
  db.closeSync();
  writeFileSync(path.join(dir, "done"), "");
}

type Totals = { groups: number; digest: string };

/** The same digest from either side: every account|key|day with its requests and cost units, sorted. */
function digest(entries: string[]): Totals {
  entries.sort();
  const h = createHash("sha256");
  for (const e of entries) h.update(`${e}\n`);
  return { groups: entries.length, digest: h.digest("hex").slice(0, 16) };
}

async function foldAll(onFile?: (name: string, fold: BillFold) => void) {
  const files = localFiles((key) => path.join(dir, key));
  const totals = new Map<string, [number, number]>();
  let lines = 0;
  let kmsLines = 0;
  for (const name of fileNames()) {
    const fold = await foldParquetBill(files.ranges(name, statSync(path.join(dir, name)).size), name);
    lines += fold.lines;
    kmsLines += fold.kmsLines;
    for (const r of fold.rows.values()) {
      const k = `${r.account}|${r.keyArn}|${r.day}`;
      const t = totals.get(k) ?? [0, 0];
      t[0] += r.requests;
      t[1] += r.costUnits;
      totals.set(k, t);
    }
    onFile?.(name, fold);
  }
  return { lines, kmsLines, totals };
}

async function consoleChild() {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const { lines, kmsLines, totals } = await foldAll();
  const seconds = (performance.now() - started) / 1000;
  const d = digest([...totals].map(([k, [r, c]]) => `${k}|${r}|${c}`));
  return { lines, kmsLines, seconds, cpuSeconds: cpuSeconds(cpu), rssMb: process.resourceUsage().maxRSS / 1024, ...d };
}

async function duckdbChild() {
  const db = await (await DuckDBInstance.create()).connect();
  const started = performance.now();
  const cpu = process.cpuUsage();
  const reader = await db.runAndReadAll(
    `SELECT line_item_usage_account_id AS a, line_item_resource_id AS k,
            strftime(line_item_usage_start_date, '%Y-%m-%d') AS d,
            sum(round(line_item_usage_amount))::BIGINT AS r, sum(round(line_item_unblended_cost * 1e10))::BIGINT AS c
     FROM read_parquet('${dir}/*.parquet')
     WHERE line_item_product_code = 'awskms' AND line_item_usage_type LIKE '%-KMS-Requests'
     GROUP BY ALL`,
  );
  const entries = reader.getRowObjects().map((g) => `${g.a}|${g.k}|${g.d}|${g.r}|${g.c}`);
  const seconds = (performance.now() - started) / 1000;
  return { seconds, cpuSeconds: cpuSeconds(cpu), rssMb: process.resourceUsage().maxRSS / 1024, ...digest(entries) };
}

async function reconcileChild() {
  process.env.CONSOLE_DATA_DIR = mkdtempSync(path.join(tmpdir(), "bkc-bench-bill-"));
  const { commitBillFile } = await import("../lib/usage/store/bill-store");
  const { usageDb } = await import("../lib/usage/store/schema");
  const { reconciliationReport } = await import("../lib/usage/reports/reconciliation-report");
  const storeStarted = performance.now();
  await foldAll((name, fold) => commitBillFile({ key: name, etag: "bench", period: "2026" }, fold));
  const storeSeconds = (performance.now() - storeStarted) / 1000;
  const key = "arn:aws:kms:eu-west-1:100000000007:key/k3";
  // CloudTrail's side: 90 days of hours for five buckets using the key (2026-09-01 to 2026-11-29).
  const d = usageDb();
  const add = d.prepare(
    `INSERT INTO usage_hourly (bucket, hour, operation, level, key_arn, region, requests, account)
     VALUES (?, ?, 'Decrypt', 'object', ?, 'eu-west-1', ?, '100000000007')`,
  );
  const firstHour = Date.parse("2026-09-01T00:00:00Z") / 3_600_000;
  d.transaction(() => {
    for (let h = 0; h < 90 * 24; h++) for (let b = 0; b < 5; b++) add.run(`bench-${b}`, firstHour + h, key, 100 + b);
  })();
  const scope = { accounts: undefined, consoleAccount: "100000000007", all: false };
  const query = { key, from: "2026-09-01", to: "2026-11-29" };
  let t = performance.now();
  const first = reconciliationReport(query, scope, []);
  const uncachedMs = performance.now() - t;
  t = performance.now();
  reconciliationReport(query, scope, []);
  const cachedMs = performance.now() - t;
  return { storeSeconds, uncachedMs, cachedMs, days: first.keys[0]?.days?.length ?? 0 };
}

const child = options.child;
if (child) {
  const result =
    child === "duckdb" ? await duckdbChild() : child === "reconcile" ? await reconcileChild() : await consoleChild();
  console.log(JSON.stringify(result));
} else {
  await generate();
  const run = <T>(which: string): T => {
    const out = spawnSync(
      process.execPath,
      [...process.execArgv, import.meta.filename, `--rows=${rows}`, `--files=${files}`, `--child=${which}`],
      { encoding: "utf8", maxBuffer: 1 << 20 },
    );
    if (out.status !== 0) throw new Error(`${which} failed: ${out.stderr}`);
    return JSON.parse(out.stdout.trim().split("\n").at(-1)!) as T;
  };
  const bytes = fileNames().reduce((s, f) => s + statSync(path.join(dir, f)).size, 0);
  console.log(`\n${rows.toLocaleString()} line items, ${files} Parquet files, ${(bytes / 1024 ** 2).toFixed(0)} MiB`);
  console.log(`load average at start: ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`);
  const c = run<Awaited<ReturnType<typeof consoleChild>>>("console");
  const k = run<Awaited<ReturnType<typeof duckdbChild>>>("duckdb");
  const line = (name: string, r: { seconds: number; cpuSeconds: number; rssMb: number; groups: number }) =>
    console.log(
      `${name.padEnd(8)} ${r.seconds.toFixed(1).padStart(7)} s ${Math.round(rows / r.seconds)
        .toLocaleString()
        .padStart(11)} rows/s ` +
        `${r.cpuSeconds.toFixed(1).padStart(7)} CPU s ${`${r.rssMb.toFixed(0)} MB`.padStart(8)} peak RSS ` +
        `${r.groups.toLocaleString().padStart(9)} key-days`,
    );
  line("console", c);
  line("duckdb", k);
  console.log(`console read ${c.lines.toLocaleString()} lines, ${c.kmsLines.toLocaleString()} KMS lines`);
  if (c.lines !== rows) throw new Error(`the console read ${c.lines} lines of ${rows}`);
  if (c.digest !== k.digest || c.groups !== k.groups)
    throw new Error(`per-key-day totals differ: console ${c.groups} ${c.digest}, DuckDB ${k.groups} ${k.digest}`);
  console.log(`per-key-day totals identical (digest ${c.digest})`);
  const r = run<Awaited<ReturnType<typeof reconcileChild>>>("reconcile");
  console.log(`bill store: every file's fold committed in ${r.storeSeconds.toFixed(1)} s`);
  console.log(
    `reconciliation, one key over 90 days (${r.days} days): uncached ${r.uncachedMs.toFixed(1)} ms, cached ${r.cachedMs.toFixed(2)} ms`,
  );
}
