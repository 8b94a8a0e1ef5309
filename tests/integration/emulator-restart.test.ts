import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { emulatorEnv, startMoto } from "../../scripts/local-stack.mjs";
import { apiRequest, routeContext, scanInventoryNow } from "./helpers";

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

const health = async () => {
  const res = await healthRoute.GET(apiRequest("/api/health"), routeContext());
  return { status: res.status, body: await res.json() };
};

test("stopping the emulator turns health into a clear error; restarting it on the same port recovers", async () => {
  const up = await health();
  assert.equal(up.status, 200);
  assert.equal(up.body.ok, true);

  await moto.stop();
  const down = await health();
  assert.equal(down.status, 503);
  assert.equal(down.body.ok, false);
  assert.equal(down.body.error.code, "aws_unreachable");
  assert.match(down.body.error.message, /Cannot reach AWS .*npm run demo/);
  // The inventory answers from its store; the scan that cannot reach AWS says so.
  assert.equal((await scanInventoryNow()).errorCode, "aws_unreachable");
  const buckets = await bucketsRoute.GET(apiRequest("/api/buckets"), routeContext());
  assert.equal(buckets.status, 200, "the page still answers, from the store");

  moto = await startMoto({ port });
  const back = await health();
  assert.equal(back.status, 200, `recovered without a restart: ${JSON.stringify(back.body)}`);
  assert.equal(back.body.ok, true);
  assert.equal((await scanInventoryNow()).state, "done", "the next scan reads AWS again");
});
