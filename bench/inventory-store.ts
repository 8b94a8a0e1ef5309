// Inventory store benchmark: 100,000 bucket postures (2 accounts, 3 regions, mixed
// configurations) written through the store's own write path, then GET /api/buckets served
// by its route handler in this process (zod parsing, SQL, JSON serialisation; no HTTP hop),
// p95 over 25 requests each, uncached (first page, search, filtered + sorted page) and the
// summary both after a write (recounted) and between writes (served from memory).
//
//   node --conditions=react-server --import tsx bench/inventory-store.ts [--buckets=100000]
//
// Targets: each p95 < 50 ms; process RSS < 500 MB.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { benchAccounts, posture } from "./bench-postures";

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const total = Number(arg("buckets") ?? 100_000);
process.env.CONSOLE_DATA_DIR = mkdtempSync(path.join(tmpdir(), "bkc-bench-inventory-"));

const { writePosture } = await import("../lib/buckets/inventory-store");
const { rememberAccount } = await import("../lib/buckets/inventory-accounts");
const bucketsRoute = await import("../app/api/buckets/route");

const accounts = benchAccounts;

let t = performance.now();
for (const a of accounts)
  rememberAccount(a, a, { name: `bench ${a}`, source: "file", roleArn: `arn:aws:iam::${a}:role/x` });
for (let i = 0; i < total; i++) writePosture(posture(i));
const writeSeconds = (performance.now() - t) / 1000;
console.log(
  `wrote ${total} postures in ${writeSeconds.toFixed(1)} s (${Math.round(total / writeSeconds)}/s, one transaction each)`,
);

const get = async (query: string) => {
  const url = `http://127.0.0.1:3000/api/buckets?account=all&${query}`;
  const res = await bucketsRoute.GET(new NextRequest(url, { headers: { host: "127.0.0.1:3000" } }), {
    params: Promise.resolve({}),
  });
  if (res.status !== 200) throw new Error(`${query}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { total: number; buckets: unknown[] };
};

function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.ceil(sorted.length * 0.95) - 1]!;
}

async function measure(label: string, query: string, beforeEach?: () => void) {
  const samples: number[] = [];
  let last = { total: 0, buckets: [] as unknown[] };
  await get(query); // warm-up: prepared statements, JIT
  for (let i = 0; i < 25; i++) {
    beforeEach?.();
    t = performance.now();
    last = await get(query);
    samples.push(performance.now() - t);
  }
  const v = p95(samples);
  console.log(
    `${label.padEnd(44)} p95 ${v.toFixed(1).padStart(6)} ms  (${last.buckets.length} rows of ${last.total})  ${v < 50 ? "ok" : "OVER 50 ms"}`,
  );
}

// A write between requests makes the summary count again: the uncached case.
let n = total;
const touch = () => writePosture(posture(n++ % total));
await measure("first page (limit 100), summary recounted", "", touch);
await measure("first page (limit 100), summary from memory", "");
await measure("search q=team-7 (alias), summary recounted", "q=team-7", touch);
await measure(
  "type=SSE-KMS&bucketKey=off sort=region desc",
  "type=SSE-KMS&bucketKey=off&sort=region&order=desc",
  touch,
);
await measure("region=eu-west-1 sort=versioning, page 500", "region=eu-west-1&sort=versioning&limit=500", touch);
await measure("summary only (limit 1), recounted", "limit=1", touch);
const rss = process.memoryUsage().rss / 1e6;
console.log(`process RSS ${rss.toFixed(0)} MB ${rss < 500 ? "ok" : "OVER 500 MB"}`);
