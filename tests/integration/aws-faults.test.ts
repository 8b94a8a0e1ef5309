import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { currentEncryptionSchema } from "@/lib/contracts/encryption";
import { healthSchema } from "@/lib/contracts/health";
import { apiRequest, createBucket, errorOf, jsonOf, motoUrl, routeContext, uniqueName } from "./helpers";
import { secretsInErrors, startFaultProxy } from "./fault-proxy";

// The console talks to moto through a proxy that throttles, fails with 5xx, hangs, or denies
// with secrets in the message. Retries with backoff happen (the proxy counts them) and then a
// clear 503 (or 403 naming the action) comes back, with nothing of AWS's raw text in it.

const proxy = await startFaultProxy(motoUrl());
after(() => proxy.close());
Object.assign(process.env, {
  AWS_ENDPOINT_URL: proxy.url,
  CONSOLE_AWS_TIMEOUT_MS: "400",
  CONSOLE_DATA_DIR: mkdtempSync(path.join(tmpdir(), "bkc-faults-")),
});

const encryptionRoute = await import("@/app/api/buckets/[name]/encryption/route");
const keysRoute = await import("@/app/api/kms/keys/route");
const healthRoute = await import("@/app/api/health/route");

const bucket = uniqueName("faults");
const maxAttempts = 4; // lib/aws/clients.ts

before(async () => {
  await createBucket(bucket);
  // Learn the bucket's region while AWS is healthy, so each test below counts one operation's attempts.
  await jsonOf(await readEncryption(), currentEncryptionSchema);
});

function readEncryption() {
  return encryptionRoute.GET(apiRequest(`/api/buckets/${bucket}/encryption`), routeContext({ name: bucket }));
}

function assertNoSecrets(text: string) {
  for (const s of secretsInErrors) assert.ok(!text.includes(s), `response leaks ${s}`);
  assert.doesNotMatch(text, /RequestId|r1\b|<Error>|\n\s+at /);
}

test("S3 throttling is retried with backoff, then answers 503 'throttled' in plain words", async () => {
  proxy.set("throttle");
  const error = await errorOf(await readEncryption(), 503, "throttled");
  assert.match(error.message, /AWS is throttling s3:GetEncryptionConfiguration requests; retried and still throttled/);
  assert.equal(proxy.requests(), maxAttempts, "every attempt the SDK allows was made");
  assertNoSecrets(JSON.stringify(error));
});

test("a short throttling burst is absorbed by the retries: the user sees a normal answer", async () => {
  proxy.set("throttle", 2);
  const current = await jsonOf(await readEncryption(), currentEncryptionSchema);
  assert.equal(current.bucket, bucket);
  assert.ok(proxy.requests() >= 3, "two refused attempts, then the ones that succeeded");
});

test("KMS throttling (JSON protocol) also ends as 503 'throttled' after retries", async () => {
  proxy.set("throttle");
  const res = await keysRoute.GET(apiRequest("/api/kms/keys?region=us-east-1"), routeContext());
  const error = await errorOf(res, 503, "throttled");
  // The key list and the alias list are read at once: whichever is refused last names the call.
  assert.match(error.message, /AWS is throttling kms:(ListKeys|ListAliases) requests/);
  assert.ok(proxy.requests() >= maxAttempts);
  assertNoSecrets(JSON.stringify(error));
});

test("AWS 5xx is retried, then answers 503 saying AWS had a server error", async () => {
  proxy.set("server-error");
  const error = await errorOf(await readEncryption(), 503, "aws_unreachable");
  assert.match(error.message, /server error \(500\) after retries/);
  assert.equal(proxy.requests(), maxAttempts);
  assertNoSecrets(JSON.stringify(error));
});

test("a request AWS never answers times out, is retried, then answers 503 'cannot reach AWS'", async () => {
  proxy.set("hang");
  const started = Date.now();
  const error = await errorOf(await readEncryption(), 503, "aws_unreachable");
  assert.match(error.message, /Cannot reach AWS/);
  assert.equal(proxy.requests(), maxAttempts);
  assert.ok(Date.now() - started < 30_000, "gives up within the configured timeouts, not never");
});

test("access denied with credentials in AWS's message: the answer names the action and leaks nothing", async () => {
  proxy.set("denied-with-secrets");
  const error = await errorOf(await readEncryption(), 403, "access_denied");
  assert.match(error.message, /not allowed s3:GetEncryptionConfiguration on/);
  assertNoSecrets(JSON.stringify(error));
  const health = await jsonOf(await healthRoute.GET(apiRequest("/api/health"), routeContext()), healthSchema, 503);
  assert.equal(health.ok, false);
  assertNoSecrets(JSON.stringify(health));
  proxy.set("none");
});
