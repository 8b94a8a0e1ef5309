// bench/inventory-scale: the inventory store at account scale, against the built console (next start).
// 10,000 buckets (mixed configurations, 3 regions, one of them a trail's bucket) in a fresh emulator,
// the console in front of it through the latency proxy. Measures in one run:
//   1. the background full scan on first start, with GET /api/buckets (first page) timed while it runs:
//      once against moto (recording every answer), once with the proxy replaying them (AWS as a
//      service answering every call in --latency ms at any concurrency: on this machine moto is the bound);
//   2. event-driven refresh: --changed buckets changed straight in S3, their management events in a
//      real-format CloudTrail log file in the trail's bucket, then one ingestion pass (POST
//      /api/usage/ingest) on a restarted console: how many show their new configuration after it,
//      and the AWS calls it took beside the full scan's.
// Usage: npx tsx --conditions=react-server bench/inventory-scale.ts [--buckets=10000] [--changed=10] [--latency=20]
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { CloudTrailClient, CreateTrailCommand } from "@aws-sdk/client-cloudtrail";
import { CreateKeyCommand, KMSClient } from "@aws-sdk/client-kms";
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
  type ServerSideEncryptionByDefault,
} from "@aws-sdk/client-s3";
import type { BucketPage } from "../lib/contracts/bucket-list";
import { logFileBody, logFileKey, s3BucketChangeRecord, seededRng } from "../scripts/cloudtrail-format";
import { startMoto } from "../scripts/local-stack.mjs";
import { startLatencyProxy, type KeptAnswer } from "./latency-proxy";
import { startConsole } from "./console-app";
import { benchArgs } from "./args";
import { mapLimit } from "../lib/runtime/concurrency";

const options = benchArgs(
  "npx tsx --conditions=react-server bench/inventory-scale.ts [--buckets N] [--changed N] [--latency ms]",
  {
    buckets: 10_000,
    changed: 10,
    latency: 20,
  },
);
const bucketCount = options.buckets;
const changedCount = options.changed;
const latencyMs = options.latency;
const regions = ["us-east-1", "eu-west-1", "ap-southeast-2"];
const account = "123456789012"; // moto's
const credentials = { accessKeyId: "testing", secretAccessKey: "testing" };
const trailBucket = "bench-scale-trail";
const distDir = process.env.NEXT_DIST_DIR || ".next";

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.ceil((p / 100) * xs.length) - 1] ?? NaN;
const load = () => loadavg()[0]!.toFixed(1);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const s3 = (endpoint: string) =>
  Object.fromEntries(regions.map((r) => [r, new S3Client({ region: r, endpoint, forcePathStyle: true, credentials })]));

const bucketName = (i: number) => `bench-${String(i).padStart(5, "0")}-${["logs", "media", "orders"][i % 3]}`;
const regionOf = (i: number) => regions[i % 3]!;
const encryption = (algorithm: "AES256" | "aws:kms", key?: string, bucketKey = false) => ({
  Rules: [
    {
      ApplyServerSideEncryptionByDefault: {
        SSEAlgorithm: algorithm,
        KMSMasterKeyID: key,
      } as ServerSideEncryptionByDefault,
      BucketKeyEnabled: bucketKey,
    },
  ],
});

/** kind 0: none, 1: SSE-S3, 2: SSE-KMS, 3: SSE-KMS + Bucket Key, 4: SSE-KMS, versioned. */
async function seed(endpoint: string): Promise<Record<string, string>> {
  const clients = s3(endpoint);
  const keys: Record<string, string> = {};
  for (const r of regions)
    keys[r] = (
      await new KMSClient({ region: r, endpoint, credentials }).send(new CreateKeyCommand({}))
    ).KeyMetadata!.Arn!;
  const create = (name: string, region: string) =>
    clients[region]!.send(
      new CreateBucketCommand({
        Bucket: name,
        ...(region === "us-east-1" ? {} : { CreateBucketConfiguration: { LocationConstraint: region as "eu-west-1" } }),
      }),
    );
  await create(trailBucket, "us-east-1");
  await new CloudTrailClient({ region: "us-east-1", endpoint, credentials }).send(
    new CreateTrailCommand({
      Name: "bench-scale",
      S3BucketName: trailBucket,
      S3KeyPrefix: "logs",
      IsMultiRegionTrail: true,
    }),
  );
  await mapLimit(
    Array.from({ length: bucketCount - 1 }, (_, i) => i),
    16,
    async (i) => {
      const region = regionOf(i);
      const c = clients[region]!;
      await create(bucketName(i), region);
      const kind = i % 5;
      if (kind === 0) return;
      const config = kind === 1 ? encryption("AES256") : encryption("aws:kms", keys[region], kind === 3);
      await c.send(
        new PutBucketEncryptionCommand({ Bucket: bucketName(i), ServerSideEncryptionConfiguration: config }),
      );
      if (kind === 4)
        await c.send(
          new PutBucketVersioningCommand({ Bucket: bucketName(i), VersioningConfiguration: { Status: "Enabled" } }),
        );
    },
  );
  return keys;
}

type App = { base: string; stop: () => void };

/** The console on a data dir of its own; ingestion only when the benchmark asks for it. */
const startApp = (endpoint: string, dataDir: string): Promise<App> =>
  startConsole(endpoint, { CONSOLE_DATA_DIR: dataDir, CONSOLE_INGEST_ON_START: "0" });

async function getPage(app: App, query = ""): Promise<{ ms: number; bytes: number; page: BucketPage }> {
  const t0 = performance.now();
  const res = await fetch(`${app.base}/api/buckets?${query}`);
  const text = await res.text();
  const ms = performance.now() - t0;
  if (!res.ok) throw new Error(`GET /api/buckets?${query}: ${res.status} ${text.slice(0, 200)}`);
  return { ms, bytes: Buffer.byteLength(text), page: JSON.parse(text) as BucketPage };
}

/** The scan the console starts on its first start, with the first page timed every 100 ms while it runs. */
async function scanPass(label: string, endpoint: string, proxy: { requests: () => number; replayed: () => number }) {
  const dataDir = mkdtempSync(path.join(tmpdir(), "bkc-bench-scale-"));
  const before = { calls: proxy.requests(), replayed: proxy.replayed() };
  const app = await startApp(endpoint, dataDir);
  const ready = performance.now();
  const during: number[] = [];
  let firstRowsMs: number | null = null;
  try {
    for (;;) {
      const got = await getPage(app);
      if (firstRowsMs === null && got.page.buckets.length) firstRowsMs = performance.now() - ready;
      if (got.page.scan.state !== "running" && got.page.scan.state !== "never") {
        const { scan } = got.page;
        const ms = Date.parse(scan.finishedAt!) - Date.parse(scan.startedAt!);
        const calls = proxy.requests() - before.calls;
        const search = [];
        for (let i = 0; i < 25; i++) search.push((await getPage(app, "q=orders&sort=type")).ms);
        const replayed = proxy.replayed() - before.replayed;
        return { label, dataDir, scan, ms, calls, replayed, during, firstRowsMs, bytes: got.bytes, search };
      }
      during.push(got.ms);
      await sleep(100);
    }
  } finally {
    app.stop();
  }
}

/** Changes `changedCount` buckets straight in S3 (as the S3 console or Terraform would) and logs them as CloudTrail does. */
async function changeOutside(
  endpoint: string,
  keys: Record<string, string>,
): Promise<Map<string, (p: BucketPage) => boolean>> {
  const clients = s3(endpoint);
  const time = new Date();
  const rng = seededRng("bench-scale");
  const expect = new Map<string, (p: BucketPage) => boolean>();
  const records = [];
  const principal = { kind: "role", name: "terraform", session: "ci" } as const;
  for (let k = 0; k < changedCount; k++) {
    const i = 97 + k * Math.floor(bucketCount / (changedCount + 1));
    const [name, region] = [bucketName(i), regionOf(i)];
    const row = (p: BucketPage) => p.buckets.find((b) => b.name === name);
    let event: "PutBucketEncryption" | "PutBucketVersioning" | "DeleteBucket" | "CreateBucket";
    if (k === 0) {
      event = "DeleteBucket";
      await clients[region]!.send(new DeleteBucketCommand({ Bucket: name }));
      expect.set(name, (p) => !row(p));
    } else if (k === 1) {
      event = "CreateBucket";
      const created = `bench-scale-new-${k}`;
      await clients[region]!.send(
        new CreateBucketCommand({
          Bucket: created,
          ...(region === "us-east-1"
            ? {}
            : { CreateBucketConfiguration: { LocationConstraint: region as "eu-west-1" } }),
        }),
      );
      records.push(s3BucketChangeRecord({ time, region, account, bucket: created, event, principal }, rng));
      expect.set(created, (p) => p.buckets.some((b) => b.name === created && b.readAt !== null));
      continue;
    } else if (k % 3 === 0) {
      event = "PutBucketVersioning";
      await clients[region]!.send(
        new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: "Enabled" } }),
      );
      expect.set(name, (p) => row(p)?.versioning === "Enabled");
    } else {
      event = "PutBucketEncryption";
      await clients[region]!.send(
        new PutBucketEncryptionCommand({
          Bucket: name,
          ServerSideEncryptionConfiguration: encryption("aws:kms", keys[region], true),
        }),
      );
      expect.set(name, (p) => row(p)?.encryption?.type === "SSE-KMS" && row(p)?.encryption?.bucketKeyEnabled === true);
    }
    records.push(s3BucketChangeRecord({ time, region, account, bucket: name, event, principal }, rng));
  }
  const key = `logs/${logFileKey(account, "us-east-1", time, "bench-scale")}`;
  await clients["us-east-1"]!.send(new PutObjectCommand({ Bucket: trailBucket, Key: key, Body: logFileBody(records) }));
  return expect;
}

async function eventPass(
  endpoint: string,
  proxy: Awaited<ReturnType<typeof startLatencyProxy>>,
  dataDir: string,
  keys: Record<string, string>,
  motoUrl: string,
) {
  const expect = await changeOutside(motoUrl, keys);
  const app = await startApp(endpoint, dataDir);
  try {
    const before = { calls: proxy.requests(), ops: proxy.operations() };
    const t0 = performance.now();
    const started = await fetch(`${app.base}/api/usage/ingest`, { method: "POST", headers: { origin: app.base } });
    if (!started.ok) throw new Error(`POST /api/usage/ingest: ${started.status} ${await started.text()}`);
    let status: { state: string; message: string | null };
    do {
      await sleep(200);
      status = (await (await fetch(`${app.base}/api/usage/ingest`)).json()) as typeof status;
    } while (status.state === "running");
    const ms = performance.now() - t0;
    const calls = proxy.requests() - before.calls;
    const ops = Object.entries(proxy.operations())
      .map(([op, n]) => [op, n - (before.ops[op] ?? 0)] as const)
      .filter(([, n]) => n > 0);
    let reflected = 0;
    for (const [name, ok] of expect) if (ok((await getPage(app, `q=${name}`)).page)) reflected++;
    return { ms, calls, ops, reflected, state: status.state, message: status.message };
  } finally {
    app.stop();
  }
}

function printScan(r: Awaited<ReturnType<typeof scanPass>>) {
  const perBucket = r.ms / r.scan.total;
  const p95 = pct(r.during, 95);
  console.log(
    `${r.label.padEnd(35)}| ${secs(r.ms).padEnd(9)}| ${`${r.calls} (${r.replayed})`.padEnd(21)}| ` +
      `${(r.calls / (r.ms / 1000)).toFixed(0).padEnd(8)}| ${(r.scan.total / (r.ms / 1000)).toFixed(0).padEnd(10)}| ` +
      `${r.scan.errors}   (load ${load()})`,
  );
  console.log(
    `  ${r.scan.total} buckets, ${perBucket.toFixed(1)} ms each; before the inventory store: 94 s for 5,000 = 18.8 ms each: ` +
      `${(18.8 / perBucket).toFixed(1)}x faster per bucket`,
  );
  console.log(
    `  GET /api/buckets while it ran: p50 ${pct(r.during, 50).toFixed(0)} ms, p95 ${p95.toFixed(0)} ms over ` +
      `${r.during.length} requests (target < 100 ms); first rows ${r.firstRowsMs?.toFixed(0)} ms after start ` +
      `(before the inventory store: 80 s after cache expiry, ${(80_000 / (r.firstRowsMs ?? NaN)).toFixed(0)}x)`,
  );
  console.log(
    `  after it: q=orders&sort=type p95 ${pct(r.search, 95).toFixed(0)} ms; first page (100 rows) ` +
      `${(r.bytes / 1024).toFixed(0)} KB (before the inventory store: 1.5 MB, ${((1.5 * 1024 * 1024) / r.bytes).toFixed(0)}x smaller)`,
  );
}

if (!existsSync(path.join(distDir, "BUILD_ID"))) {
  console.log(`building the console into ${distDir}`);
  if (spawnSync("npx", ["next", "build"], { stdio: "inherit" }).status !== 0) process.exit(1);
}

const moto = await startMoto();
try {
  const t0 = performance.now();
  const keys = await seed(moto.url);
  console.log(
    `seeded ${bucketCount} buckets over ${regions.join(" + ")} in ${secs(performance.now() - t0)} (load ${load()})`,
  );
  console.log("scan                               | time     | AWS calls (replayed) | calls/s | buckets/s | errors");
  const memo = new Map<string, KeptAnswer>();
  const recording = await startLatencyProxy(moto.url, latencyMs, { memo });
  const live = await scanPass("moto (recording)", recording.url, recording);
  await recording.close();
  printScan(live);
  const replaying = await startLatencyProxy(moto.url, latencyMs, { memo, replay: true });
  printScan(await scanPass("replayed", replaying.url, replaying));
  await replaying.close();

  const counting = await startLatencyProxy(moto.url, latencyMs);
  const events = await eventPass(counting.url, counting, live.dataDir, keys, moto.url);
  await counting.close();
  console.log(
    `\nevent-driven refresh: ${events.reflected} of ${changedCount} changed buckets reflected after one ingestion pass ` +
      `(${events.state}${events.message ? `: ${events.message}` : ""}) in ${secs(events.ms)} (load ${load()})`,
  );
  console.log(
    `  AWS calls: ${events.calls} (${(events.calls / changedCount).toFixed(1)} per changed bucket, goal <= 5), ` +
      `a full rescan: ${live.calls} (${(live.calls / events.calls).toFixed(0)}x more)`,
  );
  console.log(`  by operation: ${events.ops.map(([op, n]) => `${op} ${n}`).join(", ")}`);
} finally {
  await moto.stop();
}
