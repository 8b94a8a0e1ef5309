// Inventory store benchmark: 100,000 bucket postures (2 accounts, 3 regions, mixed
// configurations) written through the store's own write path, then GET /api/buckets served
// by its route handler in this process (zod parsing, SQL, JSON serialisation; no HTTP hop),
// p95 over 25 requests each. Nothing is cached between requests (the summary and unsearched
// totals read the trigger-kept counters); a write before each request makes sure of it.
//
//   node --conditions=react-server --import tsx bench/inventory-store.ts [--buckets=100000]
//
// Targets: each p95 < 50 ms; process RSS < 500 MB.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { benchAccounts, posture } from "./bench-postures";
import { benchArgs } from "./args";

const total = benchArgs("npx tsx --conditions=react-server bench/inventory-store.ts [--buckets N]", {
  buckets: 100_000,
}).buckets;
process.env.CONSOLE_DATA_DIR = mkdtempSync(path.join(tmpdir(), "bkc-bench-inventory-"));

const { writePostures, writePosture } = await import("../lib/inventory/store");
const { rememberAccount } = await import("../lib/inventory/accounts");
const bucketsRoute = await import("../app/api/buckets/route");

const accounts = benchAccounts;

let t = performance.now();
for (const a of accounts)
  rememberAccount(a, a, { name: `bench ${a}`, source: "file", roleArn: `arn:aws:iam::${a}:role/x` });
// In batches of 200, one transaction each, as a scan writes them.
for (let i = 0; i < total; i += 200)
  writePostures(Array.from({ length: Math.min(200, total - i) }, (_, k) => posture(i + k)));
const writeSeconds = (performance.now() - t) / 1000;
const rate = (n: number, s: number) => `${Math.round(n / s)}/s`;
console.log(`wrote ${total} postures in ${writeSeconds.toFixed(1)} s (${rate(total, writeSeconds)}, batches of 200)`);
t = performance.now();
for (let i = 0; i < 1000; i++) writePosture(posture(i));
const single = (performance.now() - t) / 1000;
console.log(`rewrote 1000 postures one transaction each: ${rate(1000, single)} (an apply or an event's refresh)`);

const get = async (query: string) => {
  const url = `http://127.0.0.1:3000/api/buckets?account=all&${query}`;
  const res = await bucketsRoute.GET(new NextRequest(url, { headers: { host: "127.0.0.1:3000" } }), {
    params: Promise.resolve({}),
  });
  if (res.status !== 200) throw new Error(`${query}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { total: number; buckets: unknown[]; nextCursor: string | null };
};

function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.ceil(sorted.length * 0.95) - 1]!;
}

// The same measurements on the first inventory store, before its counters and covering indexes.
const before = (ms: number | undefined, now: number) => (ms ? `before ${ms} ms, ${(ms / now).toFixed(0)}x` : "new");

async function measure(label: string, query: string, beforeMs?: number, page = 1) {
  const samples: number[] = [];
  let last = { total: 0, buckets: [] as unknown[], nextCursor: null as string | null };
  // The cursor of page `page` (and a warm-up: prepared statements, JIT).
  let cursor = "";
  for (let p = 1; p < page; p++) cursor = `&cursor=${(await get(query + cursor)).nextCursor}`;
  await get(query + cursor);
  const cpu: number[] = [];
  for (let i = 0; i < 25; i++) {
    touch();
    t = performance.now();
    const cpu0 = process.cpuUsage();
    last = await get(query + cursor);
    samples.push(performance.now() - t);
    const used = process.cpuUsage(cpu0);
    cpu.push((used.user + used.system) / 1000);
  }
  const v = p95(samples);
  const verdict = v < 50 ? "ok" : "OVER 50 ms";
  console.log(
    `${label.padEnd(48)} p95 ${v.toFixed(1).padStart(6)} ms (CPU ${p95(cpu).toFixed(1).padStart(5)} ms; ` +
      `${before(beforeMs, v)})  ${last.buckets.length} rows of ${last.total}  ${verdict}`,
  );
}

// A write before each request: counters and pages always reflect it (no cache to hit).
let n = total;
const touch = () => writePosture({ ...posture(n % total), versioning: n++ % 2 ? "Enabled" : "Off" });
await measure("first page (limit 100)", "", 951);
await measure("search q=team-7 (alias: 2,500 matches)", "q=team-7", 1749);
await measure("search q=012345 (name: 1 match)", "q=012345");
await measure("search q=bench-01 (name: 10,000 matches)", "q=bench-01");
await measure("search q=orders (name: 25,000 matches)", "q=orders");
await measure("search q=lo (2 characters: checks each name)", "q=lo");
await measure("type=SSE-KMS&bucketKey=off sort=region desc", "type=SSE-KMS&bucketKey=off&sort=region&order=desc", 1715);
await measure("region=eu-west-1 sort=versioning, page 500", "region=eu-west-1&sort=versioning&limit=500");
await measure("type=DSSE-KMS&region=ap-southeast-2 sort=type", "type=DSSE-KMS&region=ap-southeast-2&sort=type");
await measure("page 50 (cursor) sort=bucketKey", "sort=bucketKey", undefined, 50);
await measure("summary only (limit 1)", "limit=1", 1847);
const rss = process.memoryUsage().rss / 1e6;
console.log(`process RSS ${rss.toFixed(0)} MB ${rss < 500 ? "ok" : "OVER 500 MB"}`);
