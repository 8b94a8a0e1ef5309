import assert from "node:assert/strict";
import { test } from "node:test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../../scripts/local-stack.mjs";
import { bucketPageSchema } from "@/lib/contracts/bucket-list";
import { healthSchema } from "@/lib/contracts/health";
import { apiRequest, jsonOf, routeContext, scanInventoryNow } from "./helpers";

// Nothing listens on this port: the console must say so plainly, never 500 or a stack trace.
process.env.AWS_ENDPOINT_URL = `http://127.0.0.1:${await freePort()}`;
process.env.CONSOLE_DATA_DIR = mkdtempSync(path.join(tmpdir(), "bkc-unreachable-"));
const bucketsRoute = await import("@/app/api/buckets/route");
const healthRoute = await import("@/app/api/health/route");

test("unreachable AWS: health is 503 with what to do; the bucket list answers, its scan failed with why", async () => {
  const h = await jsonOf(await healthRoute.GET(apiRequest("/api/health"), routeContext()), healthSchema, 503);
  assert.equal(h.ok, false);
  assert.equal(h.error?.code, "aws_unreachable");
  assert.match(h.error?.message ?? "", /Cannot reach AWS \(connection refused\).*npm run demo/);

  // The page answers from the store at once; the background scan says why it could not read AWS.
  await scanInventoryNow();
  const buckets = await bucketsRoute.GET(apiRequest("/api/buckets"), routeContext());
  const body = await jsonOf(buckets, bucketPageSchema);
  assert.equal(body.scan.state, "failed");
  assert.equal(body.scan.errorCode, "aws_unreachable");
  assert.match(body.scan.message ?? "", /Cannot reach AWS/);
  assert.doesNotMatch(
    JSON.stringify(body),
    /at .*\.ts:\d+|testing|AKIA/,
    "no stack trace or credentials in the answer",
  );
});
