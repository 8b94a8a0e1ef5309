// `npx tsx bench/load.ts [--seconds 60] [--clients 200] [--url http://127.0.0.1:3000]`
// Bounded load test of the read APIs: N concurrent clients loop over the inventory, usage and
// savings endpoints (each included when the app has that route) for a fixed time, on loopback.
// Without --url it starts the demo stack itself (`scripts/demo.mjs --skip-build`: run
// `next build` first, NEXT_DIST_DIR is honoured) and samples the server's resident memory.
// Prints requests/s, p50/p95/p99 latency and errors per endpoint, and the server's peak RSS.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "../scripts/local-stack.mjs";
import { benchArgs } from "./args";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { seconds, clients, url } = benchArgs(
  "npx tsx bench/load.ts [--seconds 60] [--clients 200] [--url http://127.0.0.1:3000]",
  {
    seconds: 60,
    clients: 200,
    url: "",
  },
);
const candidates = [
  { route: "buckets", url: "/api/buckets" },
  { route: "usage", url: "/api/usage" },
  { route: "savings", url: "/api/savings" },
];

async function startDemo() {
  const [port, motoPort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, ["scripts/demo.mjs", "--skip-build"], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      MOTO_PORT: String(motoPort),
      HOST: "127.0.0.1",
      CONSOLE_DATA_DIR: mkdtempSync(path.join(tmpdir(), "bkc-load-")),
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error("the demo stack exited before answering");
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      // starting
    }
    if (i > 600) throw new Error("the demo stack did not answer within 5 minutes");
    await new Promise((r) => setTimeout(r, 500));
  }
  const pid = child.pid!;
  return { base, pid, stop: () => process.kill(-pid, "SIGTERM") };
}

/** Resident memory of the Next server: node processes under the demo, minus the launch scripts. */
function serverRssBytes(rootPid: number): number {
  const children = new Map<number, number[]>();
  for (const d of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${d}/status`, "utf8"))?.[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(d)]);
    } catch {
      // exited
    }
  }
  let total = 0;
  const walk = (pid: number) => {
    for (const c of children.get(pid) ?? []) {
      try {
        const cmd = readFileSync(`/proc/${c}/cmdline`, "utf8").replace(/\0/g, " ");
        if (/next/.test(cmd) && !/scripts\/(demo|start)\.mjs/.test(cmd))
          total += Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${c}/status`, "utf8"))?.[1] ?? 0) * 1024;
      } catch {
        // exited
      }
      walk(c);
    }
  };
  walk(rootPid);
  return total;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;

const demo = url ? null : await startDemo();
const base = url || demo!.base;
try {
  const endpoints: {
    route: string;
    url: string;
    latencies: number[];
    errors: number;
    statuses: Record<number, number>;
  }[] = [];
  for (const c of candidates) {
    if (!existsSync(path.join(root, "app", "api", c.route, "route.ts"))) continue;
    const res = await fetch(base + c.url); // also warms the caches, as a user's first visit would
    if (res.status === 404) continue;
    endpoints.push({ ...c, latencies: [], errors: 0, statuses: {} });
  }
  console.log(`load: ${clients} clients × ${seconds} s on ${base}: ${endpoints.map((e) => e.url).join(", ")}`);

  let peakRss = demo ? serverRssBytes(demo.pid) : 0;
  const sampler = demo ? setInterval(() => (peakRss = Math.max(peakRss, serverRssBytes(demo.pid))), 500) : null;
  const deadline = Date.now() + seconds * 1000;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, i) => {
      for (let n = i; Date.now() < deadline; n++) {
        const e = endpoints[n % endpoints.length]!;
        const t0 = performance.now();
        try {
          const res = await fetch(base + e.url, { signal: AbortSignal.timeout(30_000) });
          await res.arrayBuffer();
          e.statuses[res.status] = (e.statuses[res.status] ?? 0) + 1;
          if (!res.ok) e.errors++;
        } catch {
          e.errors++;
        }
        e.latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  if (sampler) clearInterval(sampler);

  const rows = [
    ...endpoints,
    {
      url: "all",
      latencies: endpoints.flatMap((e) => e.latencies),
      errors: endpoints.reduce((s, e) => s + e.errors, 0),
    },
  ].map((e) => {
    const sorted = [...e.latencies].sort((a, b) => a - b);
    return {
      endpoint: e.url,
      requests: sorted.length,
      "req/s": Math.round(sorted.length / elapsed),
      "p50 ms": Math.round(percentile(sorted, 50)),
      "p95 ms": Math.round(percentile(sorted, 95)),
      "p99 ms": Math.round(percentile(sorted, 99)),
      errors: e.errors,
    };
  });
  console.table(rows);
  if (demo) console.log(`server peak RSS: ${(peakRss / 1024 / 1024).toFixed(0)} MiB`);
} finally {
  demo?.stop();
}
