// bench/browser-speed: what a person feels at N real buckets, in one run. N buckets (five configurations, 3 regions)
// are created in a fresh moto through the AWS SDK; then for each console measured (--before <checkout>, e.g. a
// worktree of the base commit with its own `next build`, then this checkout), the built console starts on an empty
// data directory and its first-start scan reads them all (the scan, the store and the pages all real):
//   - cold scan time, and GET /api/buckets (first page, every 100 ms) p95 while it runs, with the server's own
//     share from its Server-Timing header where the console sends one;
//   - in Debian's Chromium, three fresh navigations (cold browser cache) each to a near-empty page (History) and
//     to /buckets (first rows), and their ratio;
//   - one search keystroke → the table shows the new rows, p95 over 25; clearing the search → the full table;
//   - JS bytes (decoded) each route loads itself, once idle, and the app's own share per page in the build's
//     manifests (scripts/js-budgets.ts); RSC prefetch requests during one /buckets view;
//   - JS heap after scrolling through 5,000 rows.
// Screenshots of /buckets while the scan runs and while searching go to screenshots/.
// The machine is shared: compare the two consoles' figures (and ratios) within one run, not across runs.
//
//   npx next build && npx tsx --conditions=react-server bench/browser-speed.ts [--buckets 10000] [--before DIR]
import { mkdirSync, mkdtempSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { CreateKeyCommand, KMSClient } from "@aws-sdk/client-kms";
import { S3Client } from "@aws-sdk/client-s3";
import { chromium, type Browser, type Page } from "@playwright/test";
import type { BucketPage } from "../lib/contracts/bucket-list";
import { startMoto } from "../scripts/local-stack.mjs";
import { benchArgs } from "./args";
import { ensureBuild, startConsole } from "./console-app";
import { mapLimit } from "../lib/runtime/concurrency";
import { createBenchBucket } from "./seed-buckets";
import { budgetsKiB, pageWeights } from "../scripts/js-budgets";

const usage = "npx tsx --conditions=react-server bench/browser-speed.ts [--buckets N] [--before DIR]";
const options = benchArgs(usage, { buckets: 10_000, before: "" });
const regions = ["us-east-1", "eu-west-1", "ap-southeast-2"];
const credentials = { accessKeyId: "testing", secretAccessKey: "testing" };
const bucketName = (i: number) => `speed-${String(i).padStart(5, "0")}-${["logs", "media", "orders"][i % 3]}`;
// An SSE-KMS bucket (kind 2) for the bucket page and the wizard.
const sample = bucketName(2);
const routes = {
  "/buckets": "/buckets",
  Overview: "/",
  "bucket page": `/buckets/${sample}`,
  Reports: "/reports",
  wizard: `/wizard?buckets=${sample}`,
  History: "/history",
};
// The budgets, as decoded JS a view loads (Next's and React's ~430 KiB runtime included).
const viewBudgetsKiB: Record<string, number> = {
  "/buckets": 400,
  Overview: 300,
  "bucket page": 450,
  Reports: 600,
  wizard: 500,
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.ceil((p / 100) * xs.length) - 1] ?? NaN;
const median = (xs: number[]) => pct(xs, 50);
const load = () => loadavg()[0]!.toFixed(1);
const firstRow = 'tbody tr[data-testid^="bucket-row-"]';

async function seed(endpoint: string, count: number) {
  const keys: Record<string, string> = {};
  const clients: Record<string, S3Client> = {};
  for (const region of regions) {
    const kms = new KMSClient({ region, endpoint, credentials });
    keys[region] = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
    clients[region] = new S3Client({ region, endpoint, forcePathStyle: true, credentials });
  }
  const all = Array.from({ length: count }, (_, i) => i);
  await mapLimit(all, 16, (i) => {
    const region = regions[i % 3]!;
    return createBenchBucket(clients[region]!, { name: bucketName(i), region, kind: i % 5, keyArn: keys[region]! });
  });
}

type Sample = { ms: number; serverMs: number | null };

async function getPage(base: string, query = "limit=100"): Promise<Sample & { page: BucketPage }> {
  const t0 = performance.now();
  // A keep-alive socket the server closed as it was reused fails at once: asked again, timed from the first try.
  const res = await fetch(`${base}/api/buckets?${query}`).catch(() => fetch(`${base}/api/buckets?${query}`));
  const text = await res.text();
  const ms = performance.now() - t0;
  if (!res.ok) throw new Error(`GET /api/buckets?${query}: ${res.status} ${text.slice(0, 200)}`);
  const timing = /dur=([\d.]+)/.exec(res.headers.get("server-timing") ?? "");
  return { ms, serverMs: timing ? Number(timing[1]) : null, page: JSON.parse(text) as BucketPage };
}

async function screenshot(browser: Browser, url: string, file: string, ready = firstRow) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.locator(ready).first().waitFor({ timeout: 30_000 });
  await page.screenshot({ path: file });
  await context.close();
}

/** The first-start scan, GET /api/buckets timed every 100 ms while it runs (not while a screenshot is taken). */
async function coldScan(base: string, browser: Browser, label: string) {
  const during: Sample[] = [];
  let shot = false;
  for (;;) {
    const got = await getPage(base);
    const { scan } = got.page;
    if (scan.state !== "running" && scan.state !== "never") {
      if (scan.state !== "done") throw new Error(`the scan ended ${scan.state}: ${scan.message}`);
      return { scanMs: Date.parse(scan.finishedAt!) - Date.parse(scan.startedAt!), during, total: scan.total };
    }
    during.push(got);
    if (!shot && scan.total > 0 && scan.done > scan.total / 3) {
      shot = true;
      await screenshot(browser, `${base}/buckets`, `screenshots/speed-${label}-scan.png`);
    }
    await sleep(100);
  }
}

/** Navigation → ready, in a fresh context (cold browser cache) each time. */
async function navigate(browser: Browser, url: string, ready: string) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const t0 = performance.now();
  await page.goto(url);
  await page.locator(ready).first().waitFor({ timeout: 30_000 });
  const ms = performance.now() - t0;
  await context.close();
  return ms;
}

/**
 * Decoded JS bytes the route loads itself until the network is idle: prefetches are refused here, since the
 * header's links would otherwise pull every page's chunks into each figure.
 */
async function weigh(browser: Browser, url: string) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.route("**/*", (route) => (isPrefetch(route.request().headers()) ? route.abort() : route.continue()));
  const page = await context.newPage();
  const bodies: Promise<number>[] = [];
  page.on("response", (r) => {
    if (r.request().resourceType() === "script")
      bodies.push(
        r.body().then(
          (b) => b.length,
          () => 0,
        ),
      );
  });
  await page.goto(url, { waitUntil: "networkidle" });
  await sleep(1_000);
  const bytes = (await Promise.all(bodies)).reduce((a, b) => a + b, 0);
  await context.close();
  return bytes / 1024;
}

const isPrefetch = (h: Record<string, string>) =>
  Boolean(h["next-router-prefetch"] || h["next-router-segment-prefetch"]);

/** RSC prefetch requests one view of /buckets sends, from navigation until it has been idle a second. */
async function prefetchesOfView(browser: Browser, base: string) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  let prefetches = 0;
  page.on("request", (r) => void (isPrefetch(r.headers()) && prefetches++));
  await page.goto(`${base}/buckets`, { waitUntil: "networkidle" });
  await page.locator(firstRow).first().waitFor();
  await sleep(1_000);
  await context.close();
  return prefetches;
}

/** Waits until the table shows `expected`: its count line and its first row. */
async function showing(page: Page, expected: { total: number; first: string | null }) {
  await page.waitForFunction(
    ({ total, first }) => {
      const count = document.querySelector('[data-testid="bucket-count"]')?.textContent ?? "";
      const row = document.querySelector('tbody tr[data-testid^="bucket-row-"]')?.getAttribute("data-testid");
      const rowOk = first === null ? row === undefined : row === `bucket-row-${first}`;
      return count.startsWith(`${total.toLocaleString("en-US")} matching`) && rowOk;
    },
    expected,
    { polling: "raf", timeout: 15_000 },
  );
}

async function expectation(base: string, query: string) {
  const { page } = await getPage(base, `limit=100&${query}`);
  return { total: page.total, first: page.buckets[0]?.name ?? null };
}

async function heapMb(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  const { usedSize } = await cdp.send("Runtime.getHeapUsage");
  return usedSize / 1e6;
}

/** Keystrokes, clears and the heap after 5,000 rows, on one /buckets page. */
async function typeAndScroll(browser: Browser, base: string, label: string) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const all = await expectation(base, "");
  await page.goto(`${base}/buckets`);
  await showing(page, all);
  const search = page.getByLabel("Search");
  const keystrokes: number[] = [];
  const clears: number[] = [];
  for (let i = 0; i < 25; i++) {
    // "speed-0" + two digits, the last key timed; the prefix is shown first.
    const term = `speed-0${String((i * 7) % 100).padStart(2, "0")}`;
    const before = await expectation(base, `q=${term.slice(0, -1)}`);
    await search.fill(term.slice(0, -1));
    await showing(page, before);
    const after = await expectation(base, `q=${term}`);
    const t0 = performance.now();
    await search.press(term.at(-1)!);
    await showing(page, after);
    keystrokes.push(performance.now() - t0);
    if (i === 12) await page.screenshot({ path: `screenshots/speed-${label}-search.png` });
    if (i % 5 === 4) {
      const t1 = performance.now();
      await search.fill("");
      await showing(page, all);
      clears.push(performance.now() - t1);
    }
  }
  const scroller = page.getByTestId("bucket-table-scroll");
  const t2 = performance.now();
  const deepest = Math.min(5_000, all.total - 1);
  while ((await page.locator(`tbody tr[data-index="${deepest}"]`).count()) === 0) {
    await scroller.evaluate((el) => el.scrollBy(0, 20_000));
    await sleep(50);
    if (performance.now() - t2 > 90_000) throw new Error("scrolling to row 5,000 took over 90 s");
  }
  const heap = await heapMb(page);
  await context.close();
  return { keystrokes, clears, heap };
}

async function measure(endpoint: string, browser: Browser, label: string, root: string) {
  const dataDir = mkdtempSync(path.join(tmpdir(), "bkc-bench-speed-"));
  const app = await startConsole(endpoint, { CONSOLE_DATA_DIR: dataDir, CONSOLE_INGEST_ON_START: "0" }, root);
  try {
    console.log(`[${label}] cold scan of ${options.buckets} buckets (load ${load()})`);
    const scan = await coldScan(app.base, browser, label);
    console.log(`[${label}] scan done in ${(scan.scanMs / 1000).toFixed(0)} s; browser measurements (load ${load()})`);
    const history: number[] = [];
    const buckets: number[] = [];
    for (let i = 0; i < 3; i++) {
      history.push(await navigate(browser, `${app.base}/history`, "text=No changes yet."));
      buckets.push(await navigate(browser, `${app.base}/buckets`, firstRow));
    }
    const weights: Record<string, number> = {};
    for (const [name, url] of Object.entries(routes)) weights[name] = await weigh(browser, `${app.base}${url}`);
    const prefetches = await prefetchesOfView(browser, app.base);
    const typed = await typeAndScroll(browser, app.base, label);
    const built = pageWeights(path.join(root, process.env.NEXT_DIST_DIR || ".next"));
    return { label, scan, history, buckets, weights, built, prefetches, ...typed, load: load() };
  } finally {
    app.stop();
  }
}

type Result = Awaited<ReturnType<typeof measure>>;

function report(results: Result[]) {
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  const server = (r: Result) => {
    const s = r.scan.during.map((d) => d.serverMs).filter((x): x is number => x !== null);
    return s.length ? `${ms(pct(s, 95))} (server)` : "—";
  };
  const rows: [string, (r: Result) => string, string][] = [
    ["cold scan (moto-bound)", (r) => `${(r.scan.scanMs / 1000).toFixed(0)} s`, "—"],
    [
      "GET /api/buckets p95 during the scan",
      (r) =>
        ms(
          pct(
            r.scan.during.map((d) => d.ms),
            95,
          ),
        ),
      "< 100 ms",
    ],
    ["  of which the server's own p95", server, ""],
    ["  requests timed", (r) => String(r.scan.during.length), ""],
    ["near-empty page (History), median of 3", (r) => ms(median(r.history)), ""],
    ["/buckets first rows, median of 3", (r) => ms(median(r.buckets)), "< 1.5 s"],
    ["  as a multiple of History", (r) => `${(median(r.buckets) / median(r.history)).toFixed(2)}×`, "≤ 1.5×"],
    ["search keystroke → rows p95 (25)", (r) => ms(pct(r.keystrokes, 95)), "< 150 ms"],
    ["  median", (r) => ms(median(r.keystrokes)), ""],
    ["clear → full table, max of 5", (r) => ms(Math.max(...r.clears)), "< 150 ms"],
    ...Object.keys(routes).map((name): [string, (r: Result) => string, string] => [
      `JS decoded, ${name}`,
      (r) => `${r.weights[name]!.toFixed(0)} KiB`,
      viewBudgetsKiB[name] ? `≤ ${viewBudgetsKiB[name]} KiB` : "",
    ]),
    ...Object.keys(budgetsKiB).map((route): [string, (r: Result) => string, string] => [
      `build: app's own JS, ${route}`,
      (r) => `${r.built.find((w) => w.route === route)?.ownKiB.toFixed(0)} KiB`,
      `≤ ${budgetsKiB[route]} KiB`,
    ]),
    ["RSC prefetch requests, one /buckets view", (r) => String(r.prefetches), "≤ 6"],
    ["JS heap after scrolling 5,000 rows (or all)", (r) => `${r.heap.toFixed(1)} MB`, "< 100 MB"],
    ["load average at the end (2 cores)", (r) => r.load, ""],
  ];
  console.log(`\n${options.buckets} real buckets in moto, one run; ${cpus().length} cores shared with other work`);
  console.log(`| measure | ${results.map((r) => r.label).join(" | ")} | target |`);
  console.log(`|---|${results.map(() => "---|").join("")}---|`);
  for (const [name, value, target] of rows) console.log(`| ${name} | ${results.map(value).join(" | ")} | ${target} |`);
}

ensureBuild();
mkdirSync("screenshots", { recursive: true });
const moto = await startMoto();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
try {
  const t0 = performance.now();
  await seed(moto.url, options.buckets);
  console.log(
    `seeded ${options.buckets} buckets in ${((performance.now() - t0) / 1000).toFixed(0)} s (load ${load()})`,
  );
  const results: Result[] = [];
  const measured = async (label: string, root: string) => {
    const r = await measure(moto.url, browser, label, root);
    // Each console's figures as soon as they exist: a later failure loses nothing measured.
    report([r]);
    results.push(r);
  };
  if (options.before) await measured("before", options.before);
  await measured(options.before ? "after" : "this build", ".");
  if (results.length > 1) report(results);
} finally {
  await browser.close();
  await moto.stop();
}
