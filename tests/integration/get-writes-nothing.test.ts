import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { bucketDetailSchema } from "@/lib/contracts/inventory";
import { apiRequest, createBucket, jsonOf, routeContext, uniqueName } from "./helpers";

// GET /api/buckets/:name reads the bucket for the page, but a bucket the inventory does not list is not inserted:
// a GET adds nothing to the store, whatever bucket the console can reach.
process.env.CONSOLE_DATA_DIR = mkdtempSync(path.join(tmpdir(), "bkc-get-"));
const detailRoute = await import("@/app/api/buckets/[name]/route");
const { storedPosture } = await import("@/lib/inventory/store");
const { callerIdentity } = await import("@/lib/aws/identity");

test("GET /api/buckets/:name shows a bucket the inventory does not list without inserting it", async () => {
  const bucket = uniqueName("get-no-write");
  await createBucket(bucket);
  const { account } = await callerIdentity();
  assert.equal(storedPosture(account, bucket), null, "not scanned: the store does not list it");
  const detail = await jsonOf(
    await detailRoute.GET(apiRequest(`/api/buckets/${bucket}`), routeContext({ name: bucket })),
    bucketDetailSchema,
  );
  assert.equal(detail.bucket.name, bucket);
  assert.notEqual(detail.bucket.readAt, null, "shown from a fresh read");
  assert.equal(storedPosture(account, bucket), null, "and still not in the store");
});
