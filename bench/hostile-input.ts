// What hostile input costs the server (issue 22), measured in one process on this machine, loopback only:
// 1. ingesting one gzip log file of whitespace that inflates to --bomb-mib MiB (1.5 GiB by default) among
//    --files normal ones: peak RSS (sampled every 10 ms, worker threads included), the bad file's error, the
//    others' counts;
// 2. --gets GET /api/kms/keys?region=<made-up> through the route handler: RSS before and after (after a GC), and
//    the same over the SDK's real regions, to show the AWS client cache stays bounded.
// `npx tsx --conditions=react-server --expose-gc bench/hostile-input.ts [--bomb-mib 1536] [--files 100]
//  [--gets 10000]`. Uncached: every file is read and parsed once, into a fresh store.
import { createWriteStream, mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { createGzip } from "node:zlib";
import { logFileBody, s3KmsRecord, seededRng, stableKeyArn } from "../scripts/cloudtrail-format";
import { benchArgs } from "./args";

const options = benchArgs(
  "npx tsx --conditions=react-server --expose-gc bench/hostile-input.ts [--bomb-mib 1536] [--files 100] [--gets 10000]",
  { "bomb-mib": 1536, files: 100, gets: 10_000, "warm-up": 5_000, "events-per-file": 500 },
);
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const work = mkdtempSync(path.join(tmpdir(), "bkc-hostile-"));
const logDir = path.join(work, "logs");
mkdirSync(logDir);
process.env.CONSOLE_DATA_DIR = path.join(work, "data");
process.env.AWS_ENDPOINT_URL = "http://127.0.0.1:9"; // loopback: nothing in this benchmark may reach AWS
process.env.AWS_REGION = "us-east-1";

try {
  // ---- 1. a gzip bomb among normal log files ----
  const account = "123456789012";
  const rng = seededRng("hostile");
  for (let f = 0; f < options.files; f++) {
    const records = Array.from({ length: options["events-per-file"] }, (_, i) =>
      s3KmsRecord(
        {
          time: new Date(Date.UTC(2026, 10, 1) + f * 300_000 + i),
          region: "us-east-1",
          account,
          bucket: `bucket-${i % 20}`,
          objectKey: `k/${i}`,
          operation: "Decrypt",
          keyArn: stableKeyArn("us-east-1", account, "bench"),
          principal: { kind: "role", name: "app", session: `s${i % 5}` },
        },
        rng,
      ),
    );
    writeFileSync(
      path.join(logDir, `${account}_CloudTrail_us-east-1_${String(f).padStart(5, "0")}.json.gz`),
      logFileBody(records),
    );
  }
  const bombName = `${account}_CloudTrail_us-east-1_00050a.json.gz`;
  const chunk = Buffer.alloc(2 ** 20, 0x20);
  async function* whitespace() {
    for (let i = 0; i < options["bomb-mib"]; i++) yield chunk;
  }
  await pipeline(Readable.from(whitespace()), createGzip({ level: 9 }), createWriteStream(path.join(logDir, bombName)));
  const files = readdirSync(logDir).sort();

  const { ingestLogFiles } = await import("../lib/usage/cloudtrail/ingest-files");
  const { usageDb } = await import("../lib/usage/store/schema");
  gc();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const t = performance.now();
  const progress = await ingestLogFiles(
    files.map((f) => ({ key: `file://${f}`, etag: f })),
    { source: "bench", account, read: (file) => readFile(path.join(logDir, file.key.slice("file://".length))) },
  );
  clearInterval(sampler);
  const errors = usageDb().prepare("SELECT key AS file, reason FROM usage_ingest_errors").all() as {
    file: string;
    reason: string;
  }[];
  const counted = (usageDb().prepare("SELECT COUNT(*) n FROM usage_ingested_files").get() as { n: number }).n;
  console.log(`1. ingestion of ${options.files} normal log files and one that inflates to ${options["bomb-mib"]} MiB:`);
  console.log(
    `   RSS before ${mib(before)}, peak ${mib(peak)} (limit 600 MiB), ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  console.log(
    `   files counted ${counted} of ${options.files} normal, events ${progress.events}, errors ${progress.errors}`,
  );
  for (const e of errors) console.log(`   error: ${e.file}: ${e.reason}`);
  const ok =
    peak < 600 * 2 ** 20 && counted === options.files && errors.length === 1 && errors[0]!.file.includes(bombName);
  console.log(`   ${ok ? "within the limit" : "OVER THE LIMIT OR WRONG OUTCOME"}`);

  // ---- 2. GETs with made-up regions ----
  const keysRoute = await import("../app/api/kms/keys/route");
  const { apiRequest, routeContext } = await import("../tests/integration/helpers");
  const letters = (n: number) =>
    String.fromCharCode(97 + (n % 26), 97 + (((n / 26) % 26) | 0), 97 + (((n / 676) % 26) | 0));
  const statuses = new Map<number, number>();
  const get = async (i: number) => {
    const region = `zz-${letters(i)}-${1 + (i % 9)}`;
    const res = await keysRoute.GET(apiRequest(`/api/kms/keys?region=${region}`), routeContext());
    await res.text();
    return res.status;
  };
  // A warm-up first, so the measured change is state the requests leave, not the code they compile once.
  for (let i = 0; i < options["warm-up"]; i++) await get(options.gets + i);
  gc();
  const [rssBefore, heapBefore] = [process.memoryUsage().rss, process.memoryUsage().heapUsed];
  for (let i = 0; i < options.gets; i++) {
    const status = await get(i);
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  }
  gc();
  const [rssAfter, heapAfter] = [process.memoryUsage().rss, process.memoryUsage().heapUsed];
  const change = (a: number, b: number) => `${((b - a) / 2 ** 20).toFixed(1)} MiB`;
  console.log(`2. ${options.gets} GET /api/kms/keys?region=<made-up> after ${options["warm-up"]} to warm up:`);
  console.log(`   statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  console.log(`   RSS ${mib(rssBefore)} → ${mib(rssAfter)}: change ${change(rssBefore, rssAfter)} (limit 20 MiB)`);
  console.log(`   heap used after GC: change ${change(heapBefore, heapAfter)}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(0);
