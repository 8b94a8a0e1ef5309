import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { emulatorEnv, startMoto } from "../../scripts/local-stack.mjs";
import { bucketPageSchema } from "@/lib/contracts/bucket-list";
import { healthSchema } from "@/lib/contracts/health";
import { apiRequest, jsonOf, routeContext, scanInventoryNow } from "./helpers";

// The emulator stops in the middle of a session and comes back on the same port: health (which
// the connection banner polls) says plainly that AWS is unreachable, then recovers by itself
// without a console restart.

let moto = await startMoto();
const port = moto.port;
after(() => moto.stop());
Object.assign(process.env, emulatorEnv(moto.url), {
  CONSOLE_AWS_TIMEOUT_MS: "1000",
  CONSOLE_DATA_DIR: mkdtempSync(path.join(tmpdir(), "bkc-restart-")),
});

const healthRoute = await import("@/app/api/health/route");
const bucketsRoute = await import("@/app/api/buckets/route");

const health = async (expectedStatus: number) =>
  jsonOf(await healthRoute.GET(apiRequest("/api/health"), routeContext()), healthSchema, expectedStatus);
const page = () => bucketsRoute.GET(apiRequest("/api/buckets"), routeContext());

test("stopping the emulator turns health into a clear error; restarting it on the same port recovers", async () => {
  assert.equal((await health(200)).ok, true);

  await moto.stop();
  const down = await health(503);
  assert.equal(down.ok, false);
  assert.equal(down.error?.code, "aws_unreachable");
  assert.match(down.error?.message ?? "", /Cannot reach AWS .*npm run demo/);
  // The inventory answers from its store; the scan that cannot reach AWS says so.
  assert.equal((await scanInventoryNow()).errorCode, "aws_unreachable");
  await jsonOf(await page(), bucketPageSchema);

  moto = await startMoto({ port });
  assert.equal((await health(200)).ok, true, "recovered without a restart");
  assert.equal((await scanInventoryNow()).state, "done", "the next scan reads AWS again");
});
