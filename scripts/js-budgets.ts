// `npm test`'s page-weight check, run on the build the e2e part just made: the JS (decoded, as the browser runs it)
// each page loads before anything it imports on demand, against a budget per page. A page's JS is Next's and React's
// runtime (every page's; the build lists it as rootMainFiles) plus the chunks the page's client manifest names for
// its layouts and itself. The budgets count the app's own share, beyond that runtime: about 430 KiB that no page of
// a Next app can shed. Chunks a page loads with a dynamic import (the charts) are not counted: that is the point.
// Beside it, what the page's JS weighs on the wire (gzip, as `next start` serves it), for comparison only.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** KiB of the app's own JS per page (the route as Next names it), beyond Next's and React's runtime. */
export const budgetsKiB: Readonly<Record<string, number>> = {
  "/buckets": 400,
  "/": 300,
  "/buckets/[name]": 450,
  "/reports": 600,
  "/wizard": 500,
};

export type PageWeight = { route: string; runtimeKiB: number; ownKiB: number; gzipKiB: number; files: string[] };

/** The chunks a page's client reference manifest names for its layouts and itself (not the global error page). */
export function entryChunks(manifestSource: string): string[] {
  const json = /=\s*(\{[\s\S]*\});?\s*$/.exec(manifestSource)?.[1];
  if (!json) throw new Error("not a client reference manifest");
  const entries = (JSON.parse(json) as { entryJSFiles?: Record<string, string[]> }).entryJSFiles ?? {};
  const files = Object.entries(entries)
    .filter(([entry]) => !entry.includes("global-error"))
    .flatMap(([, chunks]) => chunks);
  return [...new Set(files)];
}

/** Every page of the build (each page_client-reference-manifest.js under `<distDir>/server/app`), with its weight. */
export function pageWeights(distDir: string): PageWeight[] {
  const size = (file: string) => statSync(path.join(distDir, file)).size / 1024;
  const gzipped = (file: string) => gzipSync(readFileSync(path.join(distDir, file))).length / 1024;
  const runtime: string[] = JSON.parse(readFileSync(path.join(distDir, "build-manifest.json"), "utf8")).rootMainFiles;
  const runtimeKiB = runtime.reduce((n, f) => n + size(f), 0);
  const runtimeGzipKiB = runtime.reduce((n, f) => n + gzipped(f), 0);
  const appDir = path.join(distDir, "server", "app");
  return readdirSync(appDir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith("page_client-reference-manifest.js") && !f.startsWith("_"))
    .map((f) => {
      const dir = path.dirname(f).split(path.sep).join("/");
      const route = dir === "." ? "/" : `/${dir}`;
      const files = entryChunks(readFileSync(path.join(appDir, f), "utf8")).filter((c) => !runtime.includes(c));
      const ownKiB = files.reduce((n, c) => n + size(c), 0);
      return { route, runtimeKiB, ownKiB, gzipKiB: files.reduce((n, c) => n + gzipped(c), runtimeGzipKiB), files };
    })
    .sort((a, b) => a.route.localeCompare(b.route));
}

/** One line per page, and a problem for each page over its budget or budgeted but missing from the build. */
export function budgetReport(weights: PageWeight[], budgets = budgetsKiB): { lines: string[]; problems: string[] } {
  const kib = (n: number) => `${n.toFixed(0)} KiB`.padStart(9);
  const lines = weights.map((w) => {
    const budget = budgets[w.route];
    const verdict = budget === undefined ? "" : w.ownKiB <= budget ? `≤ ${budget} ok` : `> ${budget} OVER`;
    return `${w.route.padEnd(18)} ${kib(w.ownKiB + w.runtimeKiB)} ${kib(w.gzipKiB)} ${kib(w.ownKiB)}   ${verdict}`;
  });
  const problems = Object.entries(budgets).flatMap(([route, budget]) => {
    const w = weights.find((x) => x.route === route);
    if (!w) return [`${route}: not in the build, so its budget cannot be checked`];
    return w.ownKiB > budget ? [`${route}: ${w.ownKiB.toFixed(0)} KiB of the app's own JS, budget ${budget} KiB`] : [];
  });
  const header = `page               total JS   gzipped  app's own   budget (app's own)`;
  return { lines: [header, ...lines], problems };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  if (!existsSync(path.join(distDir, "BUILD_ID"))) {
    console.error(`js-budgets: no build in ${distDir}; run \`npx next build\` first.`);
    process.exit(1);
  }
  const weights = pageWeights(distDir);
  const { lines, problems } = budgetReport(weights);
  console.log(
    `JS per page, decoded (and gzipped as served); Next's and React's runtime, decoded: ${weights[0]?.runtimeKiB.toFixed(0)} KiB`,
  );
  for (const line of lines) console.log(line);
  for (const p of problems) console.error(`OVER BUDGET ${p}`);
  process.exit(problems.length ? 1 : 0);
}
