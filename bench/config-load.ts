// bench/config-load: the inventory from an AWS Config aggregator at organization scale. A generated
// organization (--accounts × --regions × --per-partition buckets, default 100 × 4 × 2,500 = 1,000,000)
// as configuration items in the Config double (its own process), answering each page after --latency ms
// (150) with Config's page size (100); the aggregator itself lives in moto. The console's lib code runs in
// this process (no HTTP hop): the full load with CONSOLE_CONFIG_CONCURRENCY queries at once (10), then
// GET /api/buckets?account=all through its route handler (first page, summary, search: p95 of 25 each),
// then an incremental pass after --changed (1,000) buckets changed in the double.
//   node --conditions=react-server --import tsx bench/config-load.ts [--per-partition=2500] [--accounts=100]
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { ConfigServiceClient, PutConfigurationAggregatorCommand } from "@aws-sdk/client-config-service";
import { NextRequest } from "next/server";
import { emulatorEnv, startMoto } from "../scripts/local-stack.mjs";
import { benchArgs } from "./args";

const o = benchArgs("node --conditions=react-server --import tsx bench/config-load.ts [--per-partition N] …", {
  "per-partition": 2_500,
  accounts: 100,
  latency: 150,
  changed: 1_000,
  concurrency: 10,
});
const regions = ["us-east-1", "eu-west-1", "ap-southeast-2", "us-west-2"];
const accounts = Array.from({ length: o.accounts }, (_, i) => String(100_000_000_000 + i * 7));
const moto = await startMoto();
const credentials = { accessKeyId: "testing", secretAccessKey: "testing" };
await new ConfigServiceClient({ region: "us-east-1", endpoint: moto.url, credentials }).send(
  new PutConfigurationAggregatorCommand({
    ConfigurationAggregatorName: "bench-org",
    AccountAggregationSources: [{ AccountIds: accounts, AwsRegions: regions }],
  }),
);
const double = spawn(
  process.execPath,
  [
    "--import",
    "tsx",
    "bench/config-double-synthetic.ts",
    moto.url,
    String(o["per-partition"]),
    String(o.latency),
    accounts.join(","),
    regions.join(","),
  ],
  { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, NODE_NO_WARNINGS: "1" } },
);
const doubleUrl = await new Promise<string>((resolve) =>
  double.stdout.on("data", (d) => {
    const url = /config-double (\S+)/.exec(String(d))?.[1];
    if (url) resolve(url);
  }),
);
Object.assign(process.env, emulatorEnv(doubleUrl), {
  CONSOLE_DATA_DIR: mkdtempSync(path.join(tmpdir(), "bkc-bench-config-")),
  CONSOLE_CONFIG_CONCURRENCY: String(o.concurrency),
  CONSOLE_INGEST_ON_START: "0",
  // The double counts 1,000,000 generated items for the GROUP BY in one go: slower than Config on a busy machine.
  CONSOLE_AWS_TIMEOUT_MS: "120000",
});
const { saveInventorySource } = await import("../lib/inventory/config/state");
const { startConfigPass, configPassFinished, configPass } = await import("../lib/inventory/config/load");
const bucketsRoute = await import("../app/api/buckets/route");

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
const mb = (b: number) => `${Math.round(b / 2 ** 20)} MB`;
const total = o.accounts * regions.length * o["per-partition"];
console.log(
  `organization: ${o.accounts} accounts × ${regions.length} regions × ${o["per-partition"]} = ` +
    `${total.toLocaleString("en-US")} buckets; page latency ${o.latency} ms; ${o.concurrency} queries at once`,
);

saveInventorySource({ kind: "config", aggregator: "bench-org", region: "us-east-1" });
let t = performance.now();
let cpu = process.cpuUsage();
const cpuSecs = () => {
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / 1e6;
};
startConfigPass("full", "on-demand");
const progress = setInterval(() => {
  const p = configPass();
  if (p)
    console.log(
      `  … ${p.done.toLocaleString("en-US")} of ${p.total?.toLocaleString("en-US") ?? "?"} ` +
        `after ${((performance.now() - t) / 1000).toFixed(0)} s, RSS ${mb(process.memoryUsage().rss)}`,
    );
}, 15_000);
const full = (await configPassFinished())!;
clearInterval(progress);
const fullSecs = (performance.now() - t) / 1000;
const fullCpu = cpuSecs();
console.log(
  `full load: ${full.state}${full.message ? ` (${full.message})` : ""}; ${full.done.toLocaleString("en-US")} items in ${fullSecs.toFixed(1)} s; ` +
    `${full.queries} queries (${(full.queries / fullSecs).toFixed(1)}/s); ` +
    `store writes ${Math.round(full.done / fullSecs).toLocaleString("en-US")} rows/s ` +
    `(end to end, page latency included); peak RSS ${mb(peakRss)}`,
);
// The machine may be shared: the console's own CPU time is the figure that does not depend on it.
console.log(
  `console CPU for the full load: ${fullCpu.toFixed(1)} s (${((fullCpu / full.done) * 1e6).toFixed(0)} µs per item); ` +
    `load average now ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`,
);

const get = async (query: string) => {
  const started = performance.now();
  const res = await bucketsRoute.GET(
    new NextRequest(`http://127.0.0.1:3000/api/buckets?account=all&${query}`, { headers: { host: "127.0.0.1:3000" } }),
    { params: Promise.resolve({}) },
  );
  if (res.status !== 200) throw new Error(`GET ${query}: ${res.status} ${await res.text()}`);
  await res.text();
  return performance.now() - started;
};
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(0.95 * xs.length) - 1]!;
for (const [label, query] of [
  ["first page (100 rows + summary)", "limit=100"],
  ["summary only (1 row)", "limit=1"],
  ["search (name substring)", "q=-eu-west-1-12&limit=100"],
  ["candidates filter", "candidate=1&limit=100"],
] as const) {
  const times = [];
  for (let i = 0; i < 25; i++) times.push(await get(query));
  console.log(
    `GET /api/buckets?account=all&${query}: p95 ${p95(times).toFixed(1)} ms (${label}; route handler in process, no HTTP hop, no result cache)`,
  );
}

await fetch(`${doubleUrl}/__double/touch?n=${o.changed}`, { method: "POST" });
t = performance.now();
cpu = process.cpuUsage();
startConfigPass("incremental", "on-demand");
const inc = (await configPassFinished())!;
console.log(
  `incremental pass after ${o.changed} changes: ${inc.state}; ${inc.done} items (15-minute overlap included), ` +
    `${inc.removed} removed, ${inc.queries} queries, ${((performance.now() - t) / 1000).toFixed(1)} s, ` +
    `console CPU ${cpuSecs().toFixed(2)} s`,
);
clearInterval(sampler);
console.log(`peak RSS ${mb(peakRss)}`);
double.kill();
await moto.stop();
process.exit(0);
