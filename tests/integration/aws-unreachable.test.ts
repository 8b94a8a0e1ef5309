import assert from "node:assert/strict";
import { test } from "node:test";
import { freePort } from "../../scripts/local-stack.mjs";
import { healthSchema } from "@/lib/contracts/health";
import { apiRequest, errorOf, jsonOf, routeContext } from "./helpers";

// Nothing listens on this port: the console must say so plainly, never 500 or a stack trace.
process.env.AWS_ENDPOINT_URL = `http://127.0.0.1:${await freePort()}`;
const bucketsRoute = await import("@/app/api/buckets/route");
const healthRoute = await import("@/app/api/health/route");

test("an unreachable emulator gives 503 with what to do, on health and on data routes", async () => {
  const h = await jsonOf(await healthRoute.GET(apiRequest("/api/health"), routeContext()), healthSchema, 503);
  assert.equal(h.ok, false);
  assert.equal(h.error?.code, "aws_unreachable");
  assert.match(h.error?.message ?? "", /Cannot reach AWS \(connection refused\).*npm run demo/);

  const buckets = await bucketsRoute.GET(apiRequest("/api/buckets"), routeContext());
  const error = await errorOf(buckets, 503, "aws_unreachable");
  assert.match(error.message, /Cannot reach AWS/);
  assert.doesNotMatch(
    JSON.stringify(error),
    /at .*\.ts:\d+|testing|AKIA/,
    "no stack trace or credentials in the answer",
  );
});
