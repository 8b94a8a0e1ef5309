// bench/inventory: 1,000 buckets (mixed configs, 2 regions) in a fresh emulator. For the
// emulator straight and through a 20 ms latency proxy, measures in one run:
//   the cold scan (a new server process with an empty inventory store scans on start; timed from the
//   scan's own startedAt to finishedAt), p50/p95 of GET /api/buckets from the store once it is done,
//   and a naive sequential SDK loop, with the ratio.
// Usage: npx tsx bench/inventory.ts [--buckets 1000] [--latency 20]   (builds the app if needed)
import {
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketReplicationCommand,
  GetBucketVersioningCommand,
  ListBucketsCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { CreateKeyCommand, KMSClient, ListAliasesCommand } from "@aws-sdk/client-kms";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startMoto } from "../scripts/local-stack.mjs";
import { benchArgs } from "./args";
import { ensureBuild, startConsole, timeGet } from "./console-app";
import { startLatencyProxy } from "./latency-proxy";
import { mapLimit } from "../lib/runtime/concurrency";
import { createBenchBucket } from "./seed-buckets";

const { buckets: bucketCount, latency: latencyMs } = benchArgs(
  "npx tsx bench/inventory.ts [--buckets 1000] [--latency 20]",
  {
    buckets: 1000,
    latency: 20,
  },
);
const regions = ["us-east-1", "eu-west-1"];
const credentials = { accessKeyId: "testing", secretAccessKey: "testing" };

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function seed(endpoint: string) {
  const s3 = Object.fromEntries(
    regions.map((r) => [r, new S3Client({ region: r, endpoint, forcePathStyle: true, credentials })]),
  );
  const keys: Record<string, string> = {};
  for (const r of regions) {
    keys[r] = (
      await new KMSClient({ region: r, endpoint, credentials }).send(new CreateKeyCommand({}))
    ).KeyMetadata!.Arn!;
  }
  const specs = Array.from({ length: bucketCount }, (_, i) => ({
    name: `bench-${String(i).padStart(5, "0")}`,
    region: regions[i % 2]!,
    kind: i % 5,
    keyArn: keys[regions[i % 2]!]!,
  }));
  await mapLimit(specs, 16, (spec) => createBenchBucket(s3[spec.region]!, spec));
}

/** The obvious script: one bucket after another, every question asked of every bucket. */
async function naiveSequentialScan(
  endpoint: string,
  { skipUnversionedReplication }: { skipUnversionedReplication: boolean },
) {
  const client = (region: string) => new S3Client({ region, endpoint, forcePathStyle: true, credentials });
  const home = client("us-east-1");
  const regional = Object.fromEntries(regions.map((r) => [r, client(r)]));
  const t0 = process.hrtime.bigint();
  let calls = 1;
  const { Buckets = [] } = await home.send(new ListBucketsCommand({}));
  for (const r of regions) {
    await new KMSClient({ region: r, endpoint, credentials }).send(new ListAliasesCommand({}));
    calls++;
  }
  for (const b of Buckets) {
    const loc = await home.send(new GetBucketLocationCommand({ Bucket: b.Name }));
    const c = regional[loc.LocationConstraint || "us-east-1"]!;
    await c.send(new GetBucketEncryptionCommand({ Bucket: b.Name })).catch(() => null);
    const v = await c.send(new GetBucketVersioningCommand({ Bucket: b.Name }));
    calls += 3;
    if (skipUnversionedReplication && !v.Status) continue;
    await c.send(new GetBucketReplicationCommand({ Bucket: b.Name })).catch(() => null);
    calls++;
  }
  return { ms: ms(t0), calls, buckets: Buckets.length };
}

type ScanBody = {
  scan: {
    state: string;
    message: string | null;
    total: number;
    errors: number;
    startedAt: string | null;
    finishedAt: string | null;
  };
};

/** The scan a console with an empty store starts by itself, once it has ended. */
async function scanOnStart(base: string) {
  for (;;) {
    const { body } = await timeGet<ScanBody>(`${base}/api/inventory/scan`);
    if (body.scan.state !== "running" && body.scan.state !== "never") {
      if (body.scan.state !== "done") throw new Error(`the scan ended ${body.scan.state}: ${body.scan.message}`);
      return body.scan;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function measure(
  label: string,
  endpoint: string,
  requests: () => number,
  operations?: () => Record<string, number>,
) {
  const app = await startConsole(endpoint, { CONSOLE_DATA_DIR: mkdtempSync(path.join(tmpdir(), "bkc-bench-inv-")) });
  try {
    const before = requests();
    const scan = await scanOnStart(app.base);
    const cold = { ms: Date.parse(scan.finishedAt ?? "") - Date.parse(scan.startedAt ?? "") };
    const coldCalls = requests() - before;
    if (process.env.BENCH_VERBOSE) console.log(label, "operations so far:", operations?.());
    if (scan.total !== bucketCount) throw new Error(`scan saw ${scan.total} buckets`);
    const errors = scan.errors;
    const warm: number[] = [];
    for (let i = 0; i < 200; i++) warm.push((await timeGet(`${app.base}/api/buckets`)).ms);
    warm.sort((a, b) => a - b);
    const naive = await naiveSequentialScan(endpoint, { skipUnversionedReplication: false });
    const naiveSame = await naiveSequentialScan(endpoint, { skipUnversionedReplication: true });
    return {
      label,
      coldMs: cold.ms,
      coldCalls,
      errors,
      warmP50: pct(warm, 50),
      warmP95: pct(warm, 95),
      naive,
      naiveSame,
    };
  } finally {
    app.stop();
  }
}

ensureBuild();

const moto = await startMoto();
try {
  const t0 = process.hrtime.bigint();
  await seed(moto.url);
  console.log(`seeded ${bucketCount} buckets over ${regions.join(" + ")} in ${(ms(t0) / 1000).toFixed(1)} s`);
  const direct = await measure("emulator direct", moto.url, () => 0);
  const proxy = await startLatencyProxy(moto.url, latencyMs);
  const slow = await measure(`through ${latencyMs} ms proxy`, proxy.url, proxy.requests, proxy.operations);
  await proxy.close();

  console.log("\nresult                          | direct      | +%d ms proxy".replace("%d", String(latencyMs)));
  const row = (name: string, f: (r: typeof direct) => string) =>
    console.log(`${name.padEnd(32)}| ${f(direct).padEnd(12)}| ${f(slow)}`);
  row("cold scan (on first start)", (r) => `${r.coldMs.toFixed(0)} ms`);
  row("  AWS calls in the cold scan", (r) => (r === slow ? String(r.coldCalls) : "-"));
  row("  buckets with errors", (r) => String(r.errors));
  row("GET /api/buckets p50 (store)", (r) => `${r.warmP50.toFixed(1)} ms`);
  row("GET /api/buckets p95 (store)", (r) => `${r.warmP95.toFixed(1)} ms`);
  row("naive sequential (4 calls/bkt)", (r) => `${r.naive.ms.toFixed(0)} ms`);
  row("  its AWS calls", (r) => String(r.naive.calls));
  row("naive, same calls as the scan", (r) => `${r.naiveSame.ms.toFixed(0)} ms`);
  row("  its AWS calls", (r) => String(r.naiveSame.calls));
  row("ratio naive / cold scan", (r) => `${(r.naive.ms / r.coldMs).toFixed(1)}x`);
  row("ratio same-calls / cold scan", (r) => `${(r.naiveSame.ms / r.coldMs).toFixed(1)}x`);
} finally {
  await moto.stop();
}
