// Browser benchmark of the bucket table at scale: 100,000 postures written into a fresh store
// through the store's own write path (one account, 3 regions, mixed configurations), the built
// console served on it (next start; the emulator only answers STS, the store says the account
// was scanned just now, so no scan runs), and Debian's Chromium via Playwright on /buckets:
//   - navigation → first rows visible (fresh page each time; server warm, browser cache cold)
//   - one search keystroke → the table shows the new matching rows (p95 over 25)
//   - clearing the search → the full table back
//   - JS heap after first load and after scrolling through 5,000 rows (after a GC)
//   - bytes of the first page response
// Side by side with the figures for the old all-rows table at 5,000 buckets.
//
//   npx next build && node --conditions=react-server --import tsx bench/inventory-ui.ts [--buckets=100000]
//
// Targets: first rows < 1.5 s, keystroke p95 < 150 ms, JS heap < 100 MB.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { emulatorEnv, freePort, startMoto } from "../scripts/local-stack.mjs";
import { posture } from "./bench-postures";
import { benchArgs } from "./args";

const total = benchArgs("npx tsx --conditions=react-server bench/inventory-ui.ts [--buckets N]", {
  buckets: 100_000,
}).buckets;
const account = "123456789012"; // moto's default account: the console's own
const dataDir = mkdtempSync(path.join(tmpdir(), "bkc-bench-ui-"));
process.env.CONSOLE_DATA_DIR = dataDir;

const { writePostures } = await import("../lib/inventory/store");
const { rememberAccount, saveScan } = await import("../lib/inventory/accounts");

let t = performance.now();
rememberAccount("console", account, { name: "bench", source: "console", roleArn: null });
for (let i = 0; i < total; i += 500)
  writePostures(Array.from({ length: Math.min(500, total - i) }, (_, k) => posture(i + k, [account])));
const now = new Date().toISOString();
saveScan("console", {
  state: "done",
  done: total,
  total,
  startedAt: now,
  finishedAt: now,
  errors: 0,
  message: null,
  errorCode: null,
  trigger: "start",
  nextScheduledAt: null,
});
console.log(
  `store: ${total.toLocaleString("en-US")} postures written in ${((performance.now() - t) / 1000).toFixed(1)} s`,
);

const moto = await startMoto();
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawn(
  process.execPath,
  ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(port)],
  {
    env: { ...process.env, ...emulatorEnv(moto.url), CONSOLE_DATA_DIR: dataDir, NODE_NO_WARNINGS: "1" },
    stdio: "ignore",
  },
);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});

const ms = (x: number) => `${x.toFixed(0)} ms`;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1]!;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const verdict = (ok: boolean) => (ok ? "ok" : "OVER TARGET");
const firstRow = 'tbody tr[data-testid^="bucket-row-"]';

const serverMs: number[] = [];
/** GET /api/buckets as the table asks for it, timed from Node (the server's share of a keystroke). */
async function api(query: string) {
  const started = performance.now();
  const res = await fetch(`${base}/api/buckets?limit=100&${query}`);
  const text = await res.text();
  serverMs.push(performance.now() - started);
  const body = JSON.parse(text) as { total: number; buckets: { name: string }[] };
  return { total: body.total, first: body.buckets[0]?.name ?? null, bytes: text.length };
}

/** Waits until the table shows `expected`: its count line and its first row. */
async function showing(page: Page, expected: { total: number; first: string | null }) {
  await page.waitForFunction(
    ({ total, first }) => {
      const count = document.querySelector('[data-testid="bucket-count"]')?.textContent ?? "";
      const row = document.querySelector('tbody tr[data-testid^="bucket-row-"]')?.getAttribute("data-testid");
      return count.startsWith(`${total.toLocaleString("en-US")} matching`) && row === `bucket-row-${first}`;
    },
    expected,
    { polling: "raf", timeout: 10_000 },
  );
}

async function heapMb(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  const { usedSize } = await cdp.send("Runtime.getHeapUsage");
  return usedSize / 1e6;
}

try {
  for (let i = 0; ; i++) {
    if (server.exitCode !== null) throw new Error("the console exited before answering");
    if ((await fetch(`${base}/api/health`).catch(() => null))?.ok) break;
    if (i > 120) throw new Error("the console did not answer within 60 s");
    await new Promise((r) => setTimeout(r, 500));
  }
  const all = await api("");
  await api(""); // warm the server's prepared statements and route bundle

  const firstRows: number[] = [];
  for (let i = 0; i < 6; i++) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    t = performance.now();
    await page.goto(`${base}/buckets`);
    await page.locator(firstRow).first().waitFor();
    if (i > 0) firstRows.push(performance.now() - t); // the first visit compiles nothing but warms the OS cache
    await context.close();
  }

  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${base}/buckets`);
  await showing(page, all);
  const heapLoaded = await heapMb(page);
  mkdirSync("screenshots", { recursive: true });
  await page.screenshot({ path: `screenshots/buckets-${total}.png` });

  const search = page.getByLabel("Search");
  const keystrokes: number[] = [];
  const clears: number[] = [];
  for (let i = 0; i < 25; i++) {
    // "bench-0" + two digits, typed one key at a time; the last key is the one timed.
    const term = `bench-0${String(i % 100).padStart(2, "0")}`;
    const before = await api(`q=${term.slice(0, -1)}`);
    await search.fill(term.slice(0, -1));
    await showing(page, before);
    const after = await api(`q=${term}`);
    t = performance.now();
    await search.press(term.at(-1)!);
    await showing(page, after);
    keystrokes.push(performance.now() - t);
    if (i % 5 === 4) {
      t = performance.now();
      await search.fill("");
      await showing(page, all);
      clears.push(performance.now() - t);
    }
  }
  await search.fill("");
  await showing(page, all);
  await page.screenshot({ path: `screenshots/buckets-${total}-search.png` });

  const scroller = page.getByTestId("bucket-table-scroll");
  t = performance.now();
  while ((await page.locator('tbody tr[data-index="5000"]').count()) === 0) {
    await scroller.evaluate((el) => el.scrollBy(0, 20_000));
    await page.waitForTimeout(50);
    if (performance.now() - t > 60_000) throw new Error("scrolling to row 5,000 took over a minute");
  }
  const scrollSeconds = (performance.now() - t) / 1000;
  const domRows = await page.locator(firstRow).count();
  const heapScrolled = await heapMb(page);
  await page.screenshot({ path: `screenshots/buckets-${total}-row-5000.png` });

  const kp = p95(keystrokes);
  const fr = median(firstRows);
  const heap = Math.max(heapLoaded, heapScrolled);
  console.log(
    `\n/buckets with ${all.total.toLocaleString("en-US")} buckets (server-paged, 100 rows a page, virtualized)`,
  );
  const now = `now (${all.total.toLocaleString("en-US")})`.padEnd(21);
  console.log(`                                   ${now}before the store (5,000)   target`);
  console.log(
    `first rows after navigation        ${ms(fr).padEnd(8)} median, max ${ms(Math.max(...firstRows)).padEnd(8)} 80 ` +
      `s (cache expired)   < 1.5 s  ${verdict(Math.max(...firstRows) < 1500)}`,
  );
  console.log(
    `search keystroke → rows (p95/25)   ${ms(kp).padEnd(8)} median ${ms(median(keystrokes)).padEnd(12)} 1.1 s   ` +
      `(${(1100 / kp).toFixed(0)}x)       < 150 ms ${verdict(kp < 150)}`,
  );
  console.log(
    `clearing the search → all rows     ${ms(Math.max(...clears)).padEnd(8)} max of ${clears.length}          5.1 s ` +
      `  (${(5100 / Math.max(...clears)).toFixed(0)}x)`,
  );
  console.log(
    `first response                     ${(all.bytes / 1000).toFixed(0)} kB (100 rows)         1.5 MB  (${(1.5e6 / all.bytes).toFixed(0)}x smaller)`,
  );
  console.log(
    `JS heap, loaded / 5,000 rows in    ${heapLoaded.toFixed(1)} / ${heapScrolled.toFixed(1)} MB                            < 100 MB ${verdict(heap < 100)}`,
  );
  console.log(`scroll to row 5,000                ${scrollSeconds.toFixed(1)} s, ${domRows} rows in the DOM`);
  console.log(
    `server share: GET /api/buckets (same queries, from Node) p95 ${ms(p95(serverMs))}, median ${ms(median(serverMs))}`,
  );
  console.log(
    `machine load average during the run: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" / ")} on ${cpus().length} cores`,
  );
} finally {
  await browser.close();
  server.kill("SIGTERM");
  await moto.stop();
}
