import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { budgetReport, entryChunks, pageWeights } from "./js-budgets";

const manifest = (route: string, entries: Record<string, string[]>) =>
  `globalThis.__RSC_MANIFEST = globalThis.__RSC_MANIFEST || {};\n` +
  `globalThis.__RSC_MANIFEST["${route}"] = ${JSON.stringify({ clientModules: {}, entryJSFiles: entries })};\n`;

/** A build folder as `next build` leaves it, with chunks of the given KiB. */
function build(chunks: Record<string, number>, pages: Record<string, Record<string, string[]>>): string {
  const dist = mkdtempSync(path.join(tmpdir(), "bkc-budgets-"));
  mkdirSync(path.join(dist, "static", "chunks"), { recursive: true });
  for (const [name, kib] of Object.entries(chunks)) writeFileSync(path.join(dist, name), "x".repeat(kib * 1024));
  writeFileSync(path.join(dist, "build-manifest.json"), JSON.stringify({ rootMainFiles: ["static/chunks/rt.js"] }));
  for (const [dir, entries] of Object.entries(pages)) {
    mkdirSync(path.join(dist, "server", "app", dir), { recursive: true });
    writeFileSync(path.join(dist, "server", "app", dir, "page_client-reference-manifest.js"), manifest(dir, entries));
  }
  return dist;
}

test("a page's chunks are its layouts' and its own, each once, without the global error page's", () => {
  const source = manifest("/buckets/page", {
    "[project]/app/layout": ["a.js", "b.js"],
    "[project]/node_modules/next/dist/client/components/builtin/global-error": ["g.js"],
    "[project]/app/buckets/page": ["b.js", "c.js"],
  });
  assert.deepEqual(entryChunks(source), ["a.js", "b.js", "c.js"]);
  assert.throws(() => entryChunks("module.exports = 1"), /not a client reference manifest/);
});

test("weights count the app's own chunks apart from the runtime, and a page over budget is a problem", () => {
  const dist = build(
    {
      "static/chunks/rt.js": 400,
      "static/chunks/shell.js": 100,
      "static/chunks/table.js": 50,
      "static/chunks/chart.js": 480,
    },
    {
      ".": { "[project]/app/layout": ["static/chunks/rt.js", "static/chunks/shell.js"] },
      buckets: {
        "[project]/app/layout": ["static/chunks/shell.js"],
        "[project]/app/buckets/page": ["static/chunks/table.js"],
      },
      reports: { "[project]/app/reports/page": ["static/chunks/shell.js", "static/chunks/chart.js"] },
    },
  );
  const weights = pageWeights(dist);
  assert.deepEqual(
    weights.map((w) => [w.route, Math.round(w.runtimeKiB), Math.round(w.ownKiB)]),
    [
      ["/", 400, 100],
      ["/buckets", 400, 150],
      ["/reports", 400, 580],
    ],
  );
  const { lines, problems } = budgetReport(weights, { "/buckets": 150, "/reports": 500, "/wizard": 500 });
  assert.equal(lines.length, 4);
  assert.match(
    lines.find((l) => l.startsWith("/buckets "))!,
    /550 KiB +\d KiB +150 KiB +≤ 150 ok/,
  );
  // Runs of one letter: the wire weight is a small fraction of the decoded one.
  for (const w of weights) assert.ok(w.gzipKiB > 0 && w.gzipKiB < (w.runtimeKiB + w.ownKiB) / 50, w.route);
  assert.deepEqual(problems, [
    "/reports: 580 KiB of the app's own JS, budget 500 KiB",
    "/wizard: not in the build, so its budget cannot be checked",
  ]);
});
