// A console without credentials: the health check names the sources the SDK's chain tried and the
// commands that fix it; the schedule cannot start the first scan and says why on the inventory, and
// the console's own account (id unknown) is an error, never "ok". The endpoint stays the loopback
// emulator, so even a request that slipped through could not leave this machine.
import assert from "node:assert/strict";
import { test } from "node:test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../../scripts/local-stack.mjs";
import { bucketPageSchema } from "@/lib/contracts/bucket-list";
import { healthSchema } from "@/lib/contracts/health";
import { apiRequest, jsonOf, motoUrl, routeContext } from "./helpers";

motoUrl(); // the loopback guard
for (const name of [
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_PROFILE",
  "AWS_EC2_METADATA_DISABLED",
])
  delete process.env[name];
const home = mkdtempSync(path.join(tmpdir(), "bkc-no-credentials-"));
Object.assign(process.env, {
  CONSOLE_DATA_DIR: home,
  AWS_CONFIG_FILE: path.join(home, "config"),
  AWS_SHARED_CREDENTIALS_FILE: path.join(home, "credentials"),
  // The instance-role source is asked of a closed loopback port: it fails at once.
  AWS_EC2_METADATA_SERVICE_ENDPOINT: `http://127.0.0.1:${await freePort()}`,
});
const healthRoute = await import("@/app/api/health/route");
const bucketsRoute = await import("@/app/api/buckets/route");
const { startInventorySchedule } = await import("@/lib/inventory/schedule");

test("health: no_credentials, with the chain's sources in order and the fixes", async () => {
  const h = await jsonOf(await healthRoute.GET(apiRequest("/api/health"), routeContext()), healthSchema, 503);
  assert.equal(h.error?.code, "no_credentials");
  assert.match(h.error?.message ?? "", /no AWS credentials.*aws sso login.*AWS_PROFILE/);
  assert.deepEqual(h.error?.credentials?.tried, [
    "Environment variables: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set.",
    `Shared files: neither ${path.join(home, "config")} nor ${path.join(home, "credentials")} exists.`,
    "Web identity (EKS service accounts): AWS_WEB_IDENTITY_TOKEN_FILE is not set.",
    "Instance role (EC2 instance metadata): no answer, so this is not an EC2 instance with a role.",
  ]);
  assert.ok(h.error?.credentials?.fixes.some((f) => f.command?.startsWith("aws sso login")));
});

test("the inventory says why no scan started, and does not call the unknown account ok", async () => {
  startInventorySchedule(); // its timer is unref'd: it does not keep the test process alive
  let body = await jsonOf(await bucketsRoute.GET(apiRequest("/api/buckets"), routeContext()), bucketPageSchema);
  for (let i = 0; i < 100 && body.scan.errorCode === null; i++) {
    await new Promise((r) => setTimeout(r, 100));
    body = await jsonOf(await bucketsRoute.GET(apiRequest("/api/buckets"), routeContext()), bucketPageSchema);
  }
  assert.equal(body.scan.state, "never");
  assert.equal(body.scan.errorCode, "no_credentials");
  assert.match(body.scan.message ?? "", /no AWS credentials/);
  assert.deepEqual(
    body.accounts.map((a) => [a.id, a.status, a.error?.code]),
    [["", "error", "no_credentials"]],
  );
});
