// Object audit from an S3 Inventory report at scale. Generates (once, cached under bench/data/,
// which git ignores) a report of --rows rows (default 10,000,000) in the real format: gzip CSV
// data files and manifest.json. Then measures, each in its own process so peak RSS is its own:
//   csv      the console's audit (lib/objects/inventory) over the CSV report, from local files
//   duckdb   DuckDB computing the same groups (top-level prefix × category, count and bytes) over the same files
//   parquet  the console's audit over the same rows as Parquet (written by DuckDB)
// Figures are uncached in the sense that matters: every run gunzips and parses every byte again
// (the files themselves sit in the OS page cache after generation; S3 reads add network time).
//
//   node --conditions=react-server --import tsx bench/inventory-report.ts [--rows=10000000] [--files=10]
//
// Targets: csv ≥ 1,000,000 rows/s and peak RSS < 300 MB whatever --rows.
import { spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createGzip } from "node:zlib";
import { once } from "node:events";
import { cpus, loadavg } from "node:os";
import { DuckDBInstance } from "@duckdb/node-api";
import { csvFileSchema, csvRow, inventoryManifest, parquetFileSchema } from "../scripts/inventory-report-format";
import { reportColumns } from "../lib/objects/inventory-reports/schema";
import { parseReportManifest } from "../lib/objects/inventory-reports/manifest";
import { tallyReport } from "../lib/objects/inventory-reports/reader";
import { benchArgs } from "./args";
import { localFiles } from "./local-files";

// --child is how the parent runs each measurement in a fresh process of its own (peak RSS per source).
const options = benchArgs("npx tsx --conditions=react-server bench/inventory-report.ts [--rows N] [--files N]", {
  rows: 10_000_000,
  files: 10,
  child: "",
});
const { rows, files } = options;
const dir = path.resolve(import.meta.dirname, "data", `inventory-report-${rows}-${files}`);
const bucket = "bench-source-bucket";

type Result = { rows: number; seconds: number; cpuSeconds: number; rssMb: number; groups?: number };

/** CPU time of the whole process (all threads: DuckDB's workers too), which other work on the machine does not inflate. */
const cpuSeconds = (from: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1e6;
};

async function generate(): Promise<void> {
  if (existsSync(path.join(dir, "csv.json"))) return;
  mkdirSync(dir, { recursive: true });
  console.log(`generating ${rows.toLocaleString()} rows in ${files} gzip CSV files under ${dir} …`);
  const statuses = ["SSE-KMS", "SSE-KMS", "SSE-KMS", "SSE-KMS", "SSE-KMS", "SSE-KMS", "SSE-S3", "NOT-SSE"] as const;
  const prefixes = Array.from({ length: 40 }, (_, i) => `team-${String(i).padStart(2, "0")}`);
  const written: { key: string; body: Uint8Array }[] = [];
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  for (let f = 0; f < files; f++) {
    const name = `data/${String(f).padStart(4, "0")}.csv.gz`;
    const gz = createGzip();
    const out = gz.pipe(createWriteStream(path.join(dir, name.replace("/", "-"))));
    let buf = "";
    const from = Math.floor((rows * f) / files);
    const to = Math.floor((rows * (f + 1)) / files);
    for (let i = from; i < to; i++) {
      const encryptionStatus = statuses[i % statuses.length]!;
      const key = `${prefixes[Math.floor((i / rows) * prefixes.length)]}/year=2026/month=${(i % 12) + 1}/part ${i}.parquet`;
      const etag = (rand() * 2 ** 52).toString(16).padStart(13, "0").repeat(3).slice(0, 32);
      buf += csvRow(
        bucket,
        {
          key,
          size: Math.floor(rand() * 5_000_000),
          encryptionStatus,
          bucketKeyStatus: encryptionStatus === "SSE-KMS" ? (rand() < 0.2 ? "ENABLED" : "DISABLED") : "",
        },
        etag,
      );
      if (buf.length > 1 << 20) {
        if (!gz.write(buf)) await once(gz, "drain");
        buf = "";
      }
    }
    gz.end(buf);
    await once(out, "finish");
    written.push({ key: name, body: readFileSync(path.join(dir, name.replace("/", "-"))) });
  }
  const manifest = (format: "CSV" | "Parquet", list: { key: string; body: Uint8Array }[]) =>
    inventoryManifest({
      sourceBucket: bucket,
      destinationBucket: "bench-destination",
      date: new Date("2026-12-01T01:00:00Z"),
      format,
      fileSchema: format === "CSV" ? csvFileSchema : parquetFileSchema,
      files: list,
    });
  console.log("writing the same rows as Parquet with DuckDB …");
  const db = await (await DuckDBInstance.create()).connect();
  const parquet: { key: string; body: Uint8Array }[] = [];
  for (const w of written) {
    const csvPath = path.join(dir, w.key.replace("/", "-"));
    const key = w.key.replace(".csv.gz", ".parquet");
    await db.run(
      `COPY (SELECT column0 AS bucket, url_decode(replace(column1, '+', ' ')) AS key, column2::BIGINT AS size,
         column3 AS last_modified_date, column4 AS e_tag, column5 AS storage_class, column6 AS encryption_status,
         NULLIF(column7, '') AS bucket_key_status
       FROM read_csv('${csvPath}', header = false, all_varchar = true)) TO '${path.join(dir, key.replace("/", "-"))}' (FORMAT parquet)`,
    );
    parquet.push({ key, body: readFileSync(path.join(dir, key.replace("/", "-"))) });
  }
  db.closeSync();
  writeFileSync(path.join(dir, "parquet.json"), manifest("Parquet", parquet));
  writeFileSync(path.join(dir, "csv.json"), manifest("CSV", written));
}

const localPath = (key: string) => path.join(dir, key.replace("/", "-"));

async function auditChild(format: "csv" | "parquet"): Promise<Result> {
  const manifest = parseReportManifest(readFileSync(path.join(dir, `${format}.json`), "utf8"), format);
  const columns = reportColumns(manifest.fileFormat as "CSV" | "Parquet", manifest.fileSchema, format);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const tally = await tallyReport(manifest, columns, localFiles(localPath));
  const seconds = (performance.now() - started) / 1000;
  return {
    rows: tally.rows,
    seconds,
    cpuSeconds: cpuSeconds(cpu),
    rssMb: process.resourceUsage().maxRSS / 1024,
    groups: tally.groups.size,
  };
}

async function duckdbChild(): Promise<Result> {
  const db = await (await DuckDBInstance.create()).connect();
  const started = performance.now();
  const cpu = process.cpuUsage();
  // The same groups: top-level prefix × (EncryptionStatus, BucketKeyStatus), objects and bytes.
  const reader = await db.runAndReadAll(
    `SELECT split_part(column1, '%2F', 1) AS prefix, column6 AS enc, column7 AS bk, count(*) AS n, sum(column2::BIGINT) AS bytes
     FROM read_csv('${dir}/data-*.csv.gz', header = false, all_varchar = true) GROUP BY ALL`,
  );
  const groups = reader.getRowObjects();
  const seconds = (performance.now() - started) / 1000;
  const counted = groups.reduce((s, g) => s + Number(g.n), 0);
  return {
    rows: counted,
    seconds,
    cpuSeconds: cpuSeconds(cpu),
    rssMb: process.resourceUsage().maxRSS / 1024,
    groups: new Set(groups.map((g) => g.prefix)).size,
  };
}

const child = options.child;
if (child) {
  const result = child === "duckdb" ? await duckdbChild() : await auditChild(child as "csv" | "parquet");
  console.log(JSON.stringify(result));
} else {
  await generate();
  const run = (which: string): Result => {
    const out = spawnSync(
      process.execPath,
      [...process.execArgv, import.meta.filename, `--rows=${rows}`, `--files=${files}`, `--child=${which}`],
      {
        encoding: "utf8",
        maxBuffer: 1 << 20,
      },
    );
    if (out.status !== 0) throw new Error(`${which} failed: ${out.stderr}`);
    return JSON.parse(out.stdout.trim().split("\n").at(-1)!) as Result;
  };
  const results = { csv: run("csv"), duckdb: run("duckdb"), parquet: run("parquet") };
  const csvBytes = JSON.parse(readFileSync(path.join(dir, "csv.json"), "utf8")).files.reduce(
    (s: number, f: { size: number }) => s + f.size,
    0,
  );
  console.log(`\n${rows.toLocaleString()} rows, ${files} files, ${(csvBytes / 1024 ** 2).toFixed(0)} MiB gzip CSV`);
  console.log(`load average at start: ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`);
  console.log("source    rows counted    seconds     rows/s   CPU s   rows/CPU-s   peak RSS   prefixes");
  const num = (n: number, w: number) => Math.round(n).toLocaleString().padStart(w);
  for (const [name, r] of Object.entries(results))
    console.log(
      [
        name.padEnd(8),
        num(r.rows, 13),
        r.seconds.toFixed(2).padStart(10),
        num(r.rows / r.seconds, 10),
        r.cpuSeconds.toFixed(1).padStart(7),
        num(r.rows / r.cpuSeconds, 12),
        `${r.rssMb.toFixed(0)} MB`.padStart(10),
        String(r.groups).padStart(10),
      ].join(" "),
    );
  const ratio = results.duckdb.seconds / results.csv.seconds;
  console.log(
    `\nDuckDB per CPU second: ${(results.duckdb.cpuSeconds / results.csv.cpuSeconds).toFixed(2)}× the audit's CPU time`,
  );
  console.log(
    `csv audit vs DuckDB: ${ratio.toFixed(2)}× DuckDB's speed (DuckDB ${results.duckdb.seconds.toFixed(2)} s, audit ${results.csv.seconds.toFixed(2)} s)`,
  );
  console.log(
    `targets: csv ≥ 1,000,000 rows/s: ${results.csv.rows / results.csv.seconds >= 1e6 ? "met" : "MISSED"}; RSS < ` +
      `300 MB: ${results.csv.rssMb < 300 ? "met" : "MISSED"}`,
  );
  if (results.csv.rows !== rows || results.duckdb.rows !== rows || results.parquet.rows !== rows)
    throw new Error("a run counted a different number of rows than the report holds");
}
