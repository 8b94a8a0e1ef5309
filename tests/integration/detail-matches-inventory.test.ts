import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { emulatorEnv, startMoto } from "../../scripts/local-stack.mjs";
import { dataPlatform, demoBuckets, seedDemo } from "../../scripts/demo-scenario";
import { apiRequest, jsonOf, routeContext } from "./helpers";
import { bucketPageSchema, scanStatusSchema } from "@/lib/contracts/bucket-list";
import { bucketDetailSchema, type BucketPosture } from "@/lib/contracts/inventory";

// The demo scenario (scripts/demo-scenario.ts) in a moto of its own, so the inventory holds the
// demo buckets and nothing else: the bucket page and the inventory must say the same of each.
const moto = await startMoto();
after(() => moto.stop());
Object.assign(process.env, emulatorEnv(moto.url), {
  CONSOLE_DATA_DIR: mkdtempSync(path.join(tmpdir(), "bkc-detail-inventory-")),
  CONSOLE_ACCOUNTS_FILE: path.resolve(import.meta.dirname, "..", "..", "scripts", "demo-accounts.json"),
});
await seedDemo(moto.url);

const bucketsRoute = await import("@/app/api/buckets/route");
const bucketRoute = await import("@/app/api/buckets/[name]/route");
const scanRoute = await import("@/app/api/inventory/scan/route");
const { scanFinished } = await import("@/lib/inventory/scan");
const { inEachAccount } = await import("@/lib/accounts/each-account");

/** A full scan of the account (Rescan), to its end: the inventory's rows are then the scan's. */
async function rescan(query: string) {
  const res = await scanRoute.POST(apiRequest(`/api/inventory/scan${query}`, { method: "POST" }), routeContext());
  await jsonOf(res, scanStatusSchema, 202);
  await inEachAccount(() => scanFinished());
}
// When each was read differs by design; every other field must agree.
const unlessReadAt = (p: BucketPosture | undefined) => p && { ...p, readAt: "read" };

const accounts = [
  { label: "the console's account", query: "", buckets: demoBuckets.map((b) => b.name) },
  {
    label: "the data-platform account",
    query: `?account=${dataPlatform.account}`,
    buckets: dataPlatform.buckets.map((b) => b.name),
  },
];

for (const { label, query, buckets } of accounts) {
  test(`the bucket page and the inventory agree field by field on every demo bucket of ${label}`, async () => {
    // Pages first, in a process that has not scanned yet: nothing learnt by a scan can fill them in.
    const pages = new Map<string, BucketPosture>();
    for (const name of buckets) {
      const res = await bucketRoute.GET(apiRequest(`/api/buckets/${name}${query}`), routeContext({ name }));
      pages.set(name, (await jsonOf(res, bucketDetailSchema)).bucket);
    }
    await rescan(query);
    const res = await bucketsRoute.GET(apiRequest(`/api/buckets${query}${query ? "&" : "?"}limit=500`), routeContext());
    const inventory: BucketPosture[] = (await jsonOf(res, bucketPageSchema)).buckets;
    assert.deepEqual(inventory.map((b) => b.name).sort(), [...buckets].sort(), "exactly the demo's buckets");
    for (const row of inventory) assert.deepEqual(unlessReadAt(pages.get(row.name)), unlessReadAt(row), row.name);

    // Agreement on empty fields would prove nothing: the demo's buckets have these set.
    for (const row of inventory) assert.match(row.createdAt ?? "", /^\d{4}-\d\d-\d\dT/, `${row.name} createdAt`);
    const kms = inventory.filter((b) => b.encryption?.kmsKeyArn);
    assert.ok(kms.length >= 2, "several buckets name a KMS key");
    for (const b of kms) assert.match(b.encryption!.kmsKeyArn!, /^arn:aws:kms:[a-z0-9-]+:\d{12}:key\//, b.name);
  });
}

test("the replication destination's region is on the bucket page as in the inventory", async () => {
  const name = "bkc-demo-replicated-source";
  const page = await jsonOf(
    await bucketRoute.GET(apiRequest(`/api/buckets/${name}`), routeContext({ name })),
    bucketDetailSchema,
  );
  assert.deepEqual(
    page.bucket.replication?.rules.map((r) => [r.destinationBucket, r.destinationRegion]),
    [["bkc-demo-replica-eu", "eu-west-1"]],
  );
});
