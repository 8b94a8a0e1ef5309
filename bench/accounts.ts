// bench/accounts: many accounts × regions × buckets in a fresh emulator, seen by the console through a
// latency proxy. Measures in one run, each in a new server process:
//   (a) the scan of every account a console with an empty inventory store starts by itself (first start),
//   (b) a Rescan (POST /api/inventory/scan?account=<id>) of each account one after another, summed,
//   (c) the ratio (b)/(a) and the AWS calls the proxy saw for each,
//   (d) the peak RSS of the console during (a),
//   (e) the emulator's own ceiling (calls/s with no proxy), to tell an emulator bound from a console one.
// (a)-(d) run twice: against moto, then with the proxy replaying the answers moto gave (AWS as a service that
// answers every call in --latency ms at any concurrency), since on a small machine moto is the bound.
// Usage: npx tsx bench/accounts.ts [--accounts 20] [--regions 3] [--buckets-per-region 100] [--latency 20]
// The console's own account (moto's 123456789012) is always scanned as well; it holds no buckets here.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { GetBucketEncryptionCommand, S3Client } from "@aws-sdk/client-s3";
import { CreateKeyCommand, KMSClient } from "@aws-sdk/client-kms";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { startMoto } from "../scripts/local-stack.mjs";
import { benchArgs } from "./args";
import { ensureBuild, startConsole, timeGet } from "./console-app";
import { startLatencyProxy, type KeptAnswer, type LatencyProxy } from "./latency-proxy";
import { mapLimit } from "../lib/runtime/concurrency";
import { createBenchBucket, type BenchBucket } from "./seed-buckets";

const {
  accounts: accountCount,
  regions: regionCount,
  "buckets-per-region": perRegion,
  latency: latencyMs,
} = benchArgs("npx tsx bench/accounts.ts [--accounts 20] [--regions 3] [--buckets-per-region 100] [--latency 20]", {
  accounts: 20,
  regions: 3,
  "buckets-per-region": 100,
  latency: 20,
});
const allRegions = ["us-east-1", "eu-west-1", "ap-southeast-2", "us-west-2", "eu-central-1", "ap-northeast-1"];
if (regionCount < 1 || regionCount > allRegions.length) throw new Error(`--regions must be 1..${allRegions.length}`);
const regions = allRegions.slice(0, regionCount);
const bucketTotal = accountCount * regionCount * perRegion;
const homeCredentials = { accessKeyId: "testing", secretAccessKey: "testing" };
const homeAccount = "123456789012";

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const secs = (m: number) => `${(m / 1000).toFixed(1)} s`;

if (accountCount < 1 || accountCount > 99) throw new Error("--accounts must be 1..99");
const accounts = Array.from({ length: accountCount }, (_, i) => {
  const id = `2222222222${String(i + 1).padStart(2, "0")}`;
  return {
    id,
    name: `acct-${String(i + 1).padStart(2, "0")}`,
    roleArn: `arn:aws:iam::${id}:role/BucketKeyConsole`,
    regions,
  };
});

/** moto acts in account <id> for credentials from AssumeRole on any role ARN of that account. */
async function assume(endpoint: string, account: (typeof accounts)[number]) {
  const sts = new STSClient({ region: "us-east-1", endpoint, credentials: homeCredentials });
  const { Credentials: c } = await sts.send(
    new AssumeRoleCommand({ RoleArn: account.roleArn, RoleSessionName: "bench-seed" }),
  );
  return { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! };
}

/** The first account's buckets, with clients that act in it: the emulator-ceiling probe reads them. */
let account0Buckets: SeedSpec[] = [];
type SeedSpec = BenchBucket & { s3: S3Client };

async function seed(endpoint: string) {
  const specs: SeedSpec[] = [];
  for (const account of accounts) {
    const credentials = await assume(endpoint, account);
    for (const region of regions) {
      const s3 = new S3Client({ region, endpoint, forcePathStyle: true, credentials });
      const keyArn = (await new KMSClient({ region, endpoint, credentials }).send(new CreateKeyCommand({})))
        .KeyMetadata!.Arn!;
      for (let i = 0; i < perRegion; i++) {
        // Bucket names are global, across accounts too.
        specs.push({
          s3,
          keyArn,
          region,
          name: `bench-${account.id.slice(-2)}-${region}-${String(i).padStart(4, "0")}`,
          kind: i % 5,
        });
      }
    }
  }
  account0Buckets = specs.filter((s) => s.name.startsWith(`bench-${accounts[0]!.id.slice(-2)}-`));
  let done = 0;
  const t0 = process.hrtime.bigint();
  await mapLimit(specs, 16, async (spec) => {
    await createBenchBucket(spec.s3, spec);
    if (++done % 500 === 0 || done === specs.length) {
      process.stdout.write(`  seeded ${done}/${specs.length} buckets (${secs(ms(t0))})\n`);
    }
  });
}

/** Resident memory of a process and its descendants (next start may fork workers). */
function tree(pid: number): number[] {
  const kids: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const list = readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
      if (list) kids.push(...list.split(/\s+/).map(Number));
    }
  } catch {
    return [];
  }
  return [pid, ...kids.flatMap(tree)];
}
const statusKb = (pid: number, field: string) => {
  try {
    const m = readFileSync(`/proc/${pid}/status`, "utf8").match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
};

const clockTicks = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout) || 100;
/** CPU seconds a process tree has used so far (user + system, from /proc/<pid>/stat). */
function cpuSeconds(pid: number) {
  let ticks = 0;
  for (const p of tree(pid)) {
    try {
      const fields = readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1]!.split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // exited between the listing and the read
    }
  }
  return ticks / clockTicks;
}

/** Microseconds some runnable task on the machine has waited for a CPU (Linux PSI), when the kernel exposes it. */
function cpuStallMicros() {
  try {
    return Number(/^some .*total=(\d+)/m.exec(readFileSync("/proc/pressure/cpu", "utf8"))?.[1] ?? NaN);
  } catch {
    return NaN;
  }
}

/**
 * While fn runs: the share of one core the emulator and the console each used (100% on moto means it is the
 * bound: one Python process), and the share of the time something waited for a CPU (other work on a small
 * machine starves both), and from the proxy the mean number of calls in flight.
 */
async function withCpu<R>(proxy: LatencyProxy, motoPid: number, appPid: number, fn: () => Promise<R>) {
  const before = {
    moto: cpuSeconds(motoPid),
    app: cpuSeconds(appPid),
    stall: cpuStallMicros(),
    self: process.cpuUsage(),
  };
  proxy.takeConcurrency();
  // BENCH_VERBOSE: calls in flight each second, to see phases (bursts, then a tail) rather than only the mean.
  const timeline: number[] = [];
  const tick = process.env.BENCH_VERBOSE ? setInterval(() => timeline.push(proxy.inFlight()), 1000) : undefined;
  const t0 = process.hrtime.bigint();
  const result = await fn();
  clearInterval(tick);
  if (tick) console.log(`  in flight each second: ${timeline.join(" ")}`);
  const wallMs = ms(t0);
  const wall = wallMs / 1000;
  const concurrency = proxy.takeConcurrency();
  const cpu = {
    moto: (cpuSeconds(motoPid) - before.moto) / wall,
    app: (cpuSeconds(appPid) - before.app) / wall,
    stall: (cpuStallMicros() - before.stall) / 1e6 / wall,
    // This process is the proxy: replaying, it should stay well below a core or it bounds the figures itself.
    proxy: (({ user, system }) => (user + system) / 1e6 / wall)(process.cpuUsage(before.self)),
  };
  return { ...result, cpu, peakInFlight: concurrency.peak, meanInFlight: concurrency.busyMs / wallMs };
}

function memorySampler(pid: number) {
  let peakTreeKb = 0;
  const sample = () => {
    peakTreeKb = Math.max(
      peakTreeKb,
      tree(pid).reduce((sum, p) => sum + statusKb(p, "VmRSS"), 0),
    );
  };
  sample();
  const timer = setInterval(sample, 100);
  return () => {
    clearInterval(timer);
    sample();
    // VmHWM catches a peak between two samples, per process.
    const hwm = Math.max(...tree(pid).map((p) => statusKb(p, "VmHWM")));
    return { treeMb: peakTreeKb / 1024, hwmMb: hwm / 1024 };
  };
}

type ScanProgress = {
  state: string;
  total: number;
  errors: number;
  startedAt: string | null;
  finishedAt: string | null;
};
type ScanStatusBody = { scan: ScanProgress; accounts: { scan: ScanProgress }[] };
type PageBody = { summary: { total: number; errors: number }; accounts: { status: string }[] };

/** Polls GET /api/inventory/scan until the scan (all accounts' for account=all) has ended; its progress then. */
async function scanEnded(base: string, account: string): Promise<ScanProgress> {
  for (;;) {
    const { body } = await timeGet<ScanStatusBody>(`${base}/api/inventory/scan?account=${account}`);
    const ended = body.accounts.every((a) => a.scan.state !== "running" && a.scan.state !== "never");
    if (ended) {
      const failed = body.accounts.filter((a) => a.scan.state !== "done");
      if (failed.length) throw new Error(`scans did not finish: ${JSON.stringify(failed).slice(0, 300)}`);
      return body.scan;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

const scanMs = (scan: ScanProgress) => Date.parse(scan.finishedAt ?? "") - Date.parse(scan.startedAt ?? "");

async function scanAll(proxy: LatencyProxy, motoPid: number, accountsFile: string, dataDir: string) {
  const app = await startConsole(proxy.url, { CONSOLE_DATA_DIR: dataDir, CONSOLE_ACCOUNTS_FILE: accountsFile });
  const memory = memorySampler(app.pid);
  try {
    const before = proxy.requests();
    const replayedBefore = proxy.replayed();
    const { scan, cpu, peakInFlight, meanInFlight } = await withCpu(proxy, motoPid, app.pid, async () => ({
      scan: await scanEnded(app.base, "all"),
    }));
    const { body } = await timeGet<PageBody>(`${app.base}/api/buckets?account=all&limit=1`);
    const failed = body.accounts.filter((a) => a.status !== "ok");
    if (failed.length) throw new Error(`accounts failed: ${JSON.stringify(failed).slice(0, 300)}`);
    if (body.summary.total !== bucketTotal)
      throw new Error(`the all-accounts scan saw ${body.summary.total} of ${bucketTotal} buckets`);
    return {
      ms: scanMs(scan),
      calls: proxy.requests() - before,
      replayed: proxy.replayed() - replayedBefore,
      peakInFlight,
      meanInFlight,
      cpu,
      errors: body.summary.errors,
      accounts: body.accounts.length,
      memory: memory(),
    };
  } finally {
    app.stop();
  }
}

/** Rescans over the store (a) filled: a new console with it starts no scan by itself. */
async function scanOneByOne(proxy: LatencyProxy, motoPid: number, accountsFile: string, dataDir: string) {
  const app = await startConsole(proxy.url, { CONSOLE_DATA_DIR: dataDir, CONSOLE_ACCOUNTS_FILE: accountsFile });
  try {
    const before = proxy.requests();
    const replayedBefore = proxy.replayed();
    let total = 0;
    let slowest = 0;
    let buckets = 0;
    let errors = 0;
    const { cpu, peakInFlight, meanInFlight } = await withCpu(proxy, motoPid, app.pid, async () => {
      for (const id of [homeAccount, ...accounts.map((a) => a.id)]) {
        const post = { method: "POST", headers: { origin: app.base } };
        const started = await fetch(`${app.base}/api/inventory/scan?account=${id}`, post);
        if (started.status !== 202) throw new Error(`Rescan of ${id}: ${started.status} ${await started.text()}`);
        const scan = await scanEnded(app.base, id);
        const took = scanMs(scan);
        if (process.env.BENCH_VERBOSE) console.log(`  account ${id}: ${scan.total} buckets in ${secs(took)}`);
        total += took;
        slowest = Math.max(slowest, took);
        buckets += scan.total;
        errors += scan.errors;
      }
    });
    if (buckets !== bucketTotal) throw new Error(`the per-account scans saw ${buckets} of ${bucketTotal} buckets`);
    return {
      ms: total,
      slowest,
      calls: proxy.requests() - before,
      replayed: proxy.replayed() - replayedBefore,
      peakInFlight,
      meanInFlight,
      cpu,
      errors,
    };
  } finally {
    app.stop();
  }
}

/** Read calls the emulator serves per second with no proxy, one at a time and many at once. */
async function motoCeiling(motoPid: number) {
  const probe = async (concurrency: number, calls: number) => {
    const jobs = Array.from({ length: calls }, (_, i) => account0Buckets[i % account0Buckets.length]!);
    const cpu0 = cpuSeconds(motoPid);
    const t0 = process.hrtime.bigint();
    await mapLimit(jobs, concurrency, ({ s3, name }) =>
      s3.send(new GetBucketEncryptionCommand({ Bucket: name })).catch(() => null),
    );
    const wall = ms(t0) / 1000;
    return { concurrency, perSecond: calls / wall, motoCpu: (cpuSeconds(motoPid) - cpu0) / wall };
  };
  return [await probe(1, 300), await probe(64, 3000)];
}

async function measurePair(label: string, proxy: LatencyProxy, motoPid: number) {
  try {
    const all = await scanAll(proxy, motoPid, accountsFile, path.join(work, `data-all-${label}`));
    console.log(`(a) all accounts at once, ${label}: ${secs(all.ms)}`);
    if (process.env.BENCH_VERBOSE) console.log("operations so far:", proxy.operations());
    const oneByOne = await scanOneByOne(proxy, motoPid, accountsFile, path.join(work, `data-all-${label}`));
    console.log(`(b) account by account, ${label}: ${secs(oneByOne.ms)}`);
    return { all, oneByOne };
  } finally {
    await proxy.close();
  }
}

ensureBuild();

const work = mkdtempSync(path.join(tmpdir(), "bkc-bench-accounts-"));
const accountsFile = path.join(work, "accounts.json");
writeFileSync(accountsFile, JSON.stringify({ accounts }, null, 2));
const moto = await startMoto();
try {
  console.log(
    `seeding ${accountCount} accounts × ${regionCount} regions × ${perRegion} buckets = ${bucketTotal} buckets`,
  );
  const t0 = process.hrtime.bigint();
  await seed(moto.url);
  console.log(`seeded in ${secs(ms(t0))}`);

  // Live, then again with every answer the live pass saw replayed by the proxy: the second pair shows what
  // the console's concurrency buys when AWS, not a single Python process, serves the calls.
  const memo = new Map<string, KeptAnswer>();
  const live = await measurePair("moto", await startLatencyProxy(moto.url, latencyMs, { memo }), moto.child.pid!);
  const replayed = await measurePair(
    "replayed",
    await startLatencyProxy(moto.url, latencyMs, { memo, replay: true }),
    moto.child.pid!,
  );
  const ceiling = await motoCeiling(moto.child.pid!);
  const pairs = [
    ["moto", live],
    ["replayed", replayed],
  ] as const;

  const env = (name: string, fallback: number) => process.env[name] ?? `${fallback} (default)`;
  console.log(
    `\n${accountCount} accounts (+ the console's own, empty) × ${regions.join(", ")} × ${perRegion} = ${bucketTotal} buckets, ${latencyMs} ms proxy`,
  );
  // Other work on the machine takes CPU from moto and the console alike: the figures are only comparable at a similar load.
  console.log(
    `load average at the end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")} on ${availableParallelism()} cores`,
  );
  console.log(
    `CONSOLE_ACCOUNT_CONCURRENCY=${env("CONSOLE_ACCOUNT_CONCURRENCY", 8)}  CONSOLE_SCAN_CONCURRENCY=${env("CONSOLE_SCAN_CONCURRENCY", 32)}\n`,
  );
  console.log(
    "result                                        | time       | AWS calls (replayed) | calls/s " +
      "| in flight mean/peak | CPU moto / console / proxy / stalled | bucket errors",
  );
  const pctCore = (x: number) => `${(x * 100).toFixed(0)}%`;
  type Scan = Awaited<ReturnType<typeof scanOneByOne>> | Awaited<ReturnType<typeof scanAll>>;
  const row = (name: string, r: Scan, extra = "") => {
    const cells = [
      name.padEnd(46),
      secs(r.ms).padEnd(11),
      `${r.calls} (${r.replayed})`.padEnd(21),
      (r.calls / (r.ms / 1000)).toFixed(0).padEnd(8),
      `${r.meanInFlight.toFixed(0)} / ${r.peakInFlight}`.padEnd(20),
      [r.cpu.moto, r.cpu.app, r.cpu.proxy, r.cpu.stall].map(pctCore).join(" / ").padEnd(37),
      `${r.errors}${extra}`,
    ];
    console.log(cells.join("| "));
  };
  for (const [label, pair] of pairs) {
    row(`(a) ?account=all, ${pair.all.accounts} accounts, ${label}`, pair.all);
    row(
      `(b) ?account=<id> one after another, ${label}`,
      pair.oneByOne,
      `   (slowest account ${secs(pair.oneByOne.slowest)})`,
    );
  }
  for (const [label, pair] of pairs) {
    console.log(
      `(c) ratio (b)/(a), ${label.padEnd(9)}                 ${(pair.oneByOne.ms / pair.all.ms).toFixed(1)}x   (target ≥ 5x)`,
    );
  }
  // With AWS out of the way the console's own CPU per call sets its ceiling: cores ÷ this.
  const cpuPerCall = (r: Scan) => ((r.cpu.app * r.ms) / r.calls).toFixed(2);
  console.log(
    `    console CPU per AWS call, replayed        (a) ${cpuPerCall(replayed.all)} ms   (b) ${cpuPerCall(replayed.oneByOne)} ms`,
  );
  for (const [label, pair] of pairs) {
    const m = pair.all.memory;
    console.log(
      `(d) peak RSS during (a), ${label.padEnd(9)}           ${m.hwmMb.toFixed(0)} MB VmHWM of ` +
        `the largest process, ${m.treeMb.toFixed(0)} MB sampled over the process tree (target < 500 MB)`,
    );
  }
  for (const c of ceiling)
    console.log(
      `(e) emulator, no proxy, ${String(c.concurrency).padStart(2)} at once             ` +
        `${c.perSecond.toFixed(0)} calls/s, moto CPU ${pctCore(c.motoCpu)} of a core`,
    );
} finally {
  await moto.stop();
  rmSync(work, { recursive: true, force: true });
}
