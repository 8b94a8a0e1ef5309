import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, mock, test } from "node:test";
import { emulatorEnv, startMoto } from "../../scripts/local-stack.mjs";
import { seedDemo } from "../../scripts/demo-scenario";
import { scanStatusSchema, topCandidatesSchema } from "@/lib/contracts/bucket-list";
import { ingestStatusSchema, savingsSchema } from "@/lib/contracts/usage";
import { apiRequest, jsonOf, routeContext } from "./helpers";

// The demo's headline figures, pinned to the cent. The demo's usage is a function of the day it ends on and the
// reports' default range of the hour they are read in, so both are fixed here: the demo seeded for demoDay, the
// reports read at readAt. A change to the demo's volume or to the cost model moves these on purpose: run this
// file, read the figures it prints on failure, and update the constants below (one each).
const demoDay = new Date("2026-11-30T00:00:00Z");
const readAt = new Date("2026-11-30T09:30:00Z");
/** The Overview's top candidate and its projected monthly saving (USD). */
const topCandidate = { bucket: "bkc-demo-orders", monthlySavingUsd: 600.37 };
/** The Reports page's four totals (USD): cost in range, account bill a month, projected and realized saving a month. */
const reportTotals = {
  costUsd: 629.45,
  monthlyAccountCostUsd: 647.12,
  monthlyProjectedUsd: 639.68,
  monthlyRealizedUsd: 29.13,
};
/** One bucket's refresh-window slots (per role) in the range: what a Bucket Key would have asked KMS for. */
const ordersSlots = { bucket: "bkc-demo-orders", perRoleRequests: 17032 };

const cents = (usd: number) => Math.round(usd * 100) / 100;

const moto = await startMoto();
after(() => moto.stop());
Object.assign(process.env, emulatorEnv(moto.url), {
  CONSOLE_DATA_DIR: mkdtempSync(path.join(tmpdir(), "bkc-demo-figures-")),
  CONSOLE_ACCOUNTS_FILE: path.resolve(import.meta.dirname, "..", "..", "scripts", "demo-accounts.json"),
});
await seedDemo(moto.url, undefined, demoDay);

const ingestRoute = await import("@/app/api/usage/ingest/route");
const scanRoute = await import("@/app/api/inventory/scan/route");
const candidatesRoute = await import("@/app/api/inventory/candidates/route");
const savingsRoute = await import("@/app/api/savings/route");
const { ingestFinished } = await import("@/lib/usage/ingest");
const { scanFinished } = await import("@/lib/inventory/scan");
const { inEachAccount } = await import("@/lib/accounts/each-account");

before(async () => {
  const started = await ingestRoute.POST(apiRequest("/api/usage/ingest", { method: "POST" }), routeContext());
  await jsonOf(started, ingestStatusSchema);
  const ingested = await ingestFinished();
  assert.equal(ingested.state, "done", JSON.stringify(ingested));
  assert.ok(ingested.filesDone > 0, "the demo's log files were read");
  const scan = await scanRoute.POST(apiRequest("/api/inventory/scan", { method: "POST" }), routeContext());
  await jsonOf(scan, scanStatusSchema, 202);
  await inEachAccount(() => scanFinished());
  // From here on the reports read the clock (their default range ends at the current hour): fix it.
  mock.timers.enable({ apis: ["Date"], now: readAt });
});
after(() => mock.timers.reset());

test("the Overview's top candidate and its monthly saving, to the cent", async () => {
  const res = await candidatesRoute.GET(apiRequest("/api/inventory/candidates?limit=5"), routeContext());
  const top = (await jsonOf(res, topCandidatesSchema)).candidates[0];
  const got = { bucket: top?.bucket.name, monthlySavingUsd: cents(top?.monthlySavingUsd ?? NaN) };
  assert.deepEqual(got, topCandidate, `the Overview's top candidate is now ${JSON.stringify(got)}`);
});

test("the Reports totals and one bucket's slot count, to the cent", async () => {
  const s = await jsonOf(await savingsRoute.GET(apiRequest("/api/savings"), routeContext()), savingsSchema);
  const totals = {
    costUsd: cents(s.totals.costUsd),
    monthlyAccountCostUsd: cents(s.totals.monthlyAccountCostUsd),
    monthlyProjectedUsd: cents(s.totals.monthlyProjectedUsd),
    monthlyRealizedUsd: cents(s.totals.monthlyRealizedUsd),
  };
  assert.deepEqual(totals, reportTotals, `the Reports totals are now ${JSON.stringify(totals)}`);
  const row = s.rows.find((r) => r.bucket === ordersSlots.bucket);
  const slots = { bucket: ordersSlots.bucket, perRoleRequests: row?.projection?.perRoleRequests };
  assert.deepEqual(slots, ordersSlots, `${ordersSlots.bucket}'s slots are now ${JSON.stringify(slots)}`);
});
