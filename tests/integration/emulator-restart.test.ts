import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { emulatorEnv, startMoto } from "../../scripts/local-stack.mjs";
import { healthSchema } from "@/lib/contracts/health";
import { inventorySchema } from "@/lib/contracts/inventory";
import { apiRequest, errorOf, jsonOf, routeContext } from "./helpers";

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
const rescan = () => bucketsRoute.GET(apiRequest("/api/buckets?refresh=1"), routeContext());

test("stopping the emulator turns health into a clear error; restarting it on the same port recovers", async () => {
  assert.equal((await health(200)).ok, true);

  await moto.stop();
  const down = await health(503);
  assert.equal(down.ok, false);
  assert.equal(down.error?.code, "aws_unreachable");
  assert.match(down.error?.message ?? "", /Cannot reach AWS .*npm run demo/);
  // Data routes answer 503 too, not 500.
  assert.match((await errorOf(await rescan(), 503, "aws_unreachable")).message, /Cannot reach AWS/);

  moto = await startMoto({ port });
  assert.equal((await health(200)).ok, true, "recovered without a restart");
  await jsonOf(await rescan(), inventorySchema);
});
