import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { before, test } from "node:test";
import { GetBucketEncryptionCommand, PutBucketEncryptionCommand } from "@aws-sdk/client-s3";
import { encode } from "next-auth/jwt";
import { hashPassword } from "@/lib/runtime/password.mjs";
import { applyResultSchema, changesSchema, currentEncryptionSchema } from "@/lib/contracts/encryption";
import { bucketPageSchema } from "@/lib/contracts/bucket-list";
import { sessionSchema } from "@/lib/contracts/session";
import {
  apiRequest,
  createBucket,
  errorOf,
  jsonOf,
  routeContext,
  scanInventoryNow,
  testS3,
  uniqueName,
} from "./helpers";

// The access rules route() applies when sign-in is configured: reads need a session, changes
// need the operator role, same origin and stay under the rate limit; the history names the user.
const secret = "integration-test-secret-of-at-least-32-chars";
Object.assign(process.env, {
  AUTH_SECRET: secret,
  CONSOLE_ADMIN_PASSWORD_HASH: await hashPassword("admin-password-123"),
  CONSOLE_VIEWER_PASSWORD_HASH: await hashPassword("viewer-password-123"),
  CONSOLE_MUTATIONS_PER_MINUTE: "3",
  CONSOLE_DATA_DIR: mkdtempSync(path.join(tmpdir(), "bkc-access-")),
});
const bucketsRoute = await import("@/app/api/buckets/route");
const encryptionRoute = await import("@/app/api/buckets/[name]/encryption/route");
const changesRoute = await import("@/app/api/changes/route");
const sessionRoute = await import("@/app/api/session/route");

const bucket = uniqueName("access");
const cookie = async (sub: string, extra: Record<string, unknown> = {}) =>
  `authjs.session-token=${await encode({ token: { sub, method: "password", ...extra }, secret, salt: "authjs.session-token" })}`;

before(async () => {
  await createBucket(bucket);
  await testS3().send(
    new PutBucketEncryptionCommand({
      Bucket: bucket,
      ServerSideEncryptionConfiguration: {
        Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }],
      },
    }),
  );
});

async function apply(headers: Record<string, string>, type: "SSE-S3" | "SSE-KMS" = "SSE-KMS") {
  const current = await jsonOf(
    await encryptionRoute.GET(
      apiRequest(`/api/buckets/${bucket}/encryption`, { headers: { cookie: await cookie("admin") } }),
      routeContext({ name: bucket }),
    ),
    currentEncryptionSchema,
  );
  const config =
    type === "SSE-KMS"
      ? { type, kmsKeyId: "alias/aws/s3", bucketKeyEnabled: true }
      : { type, kmsKeyId: null, bucketKeyEnabled: false };
  return encryptionRoute.PUT(
    apiRequest(`/api/buckets/${bucket}/encryption`, {
      method: "PUT",
      body: { config, expectedVersion: current.version, acknowledgedWarnings: [] },
      headers,
    }),
    routeContext({ name: bucket }),
  );
}

const signInFirst = /Sign in to use the console: your session is missing or has expired\./;

const storedAlgorithm = async () =>
  (await testS3().send(new GetBucketEncryptionCommand({ Bucket: bucket }))).ServerSideEncryptionConfiguration!
    .Rules![0]!.ApplyServerSideEncryptionByDefault!.SSEAlgorithm;

test("without a session every API answers 401 with what to do", async () => {
  for (const res of [
    await bucketsRoute.GET(apiRequest("/api/buckets"), routeContext()),
    await sessionRoute.GET(apiRequest("/api/session"), routeContext()),
  ]) {
    assert.match((await errorOf(res, 401, "unauthenticated")).message, signInFirst);
  }
  const forged = await bucketsRoute.GET(
    apiRequest("/api/buckets", {
      headers: { cookie: "authjs.session-token=eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9." },
    }),
    routeContext(),
  );
  assert.match((await errorOf(forged, 401, "unauthenticated")).message, signInFirst, "a forged token is no session");
  const forgedWithAnotherSecret = await encode({
    token: { sub: "admin", method: "password" },
    secret: "another-secret-another-secret-another",
    salt: "authjs.session-token",
  });
  const wrongSecret = `authjs.session-token=${forgedWithAnotherSecret}`;
  const otherSecret = await bucketsRoute.GET(
    apiRequest("/api/buckets", { headers: { cookie: wrongSecret } }),
    routeContext(),
  );
  assert.match((await errorOf(otherSecret, 401, "unauthenticated")).message, signInFirst);
  assert.match((await errorOf(await apply({}), 401, "unauthenticated")).message, signInFirst);
});

test("a viewer reads everything but a change is refused with 403 saying why, and nothing changes", async () => {
  const viewer = await cookie("viewer");
  const me = await jsonOf(
    await sessionRoute.GET(apiRequest("/api/session", { headers: { cookie: viewer } }), routeContext()),
    sessionSchema,
  );
  assert.deepEqual(me.user, { name: "viewer", role: "viewer", method: "password" });
  await scanInventoryNow();
  const inventory = await jsonOf(
    await bucketsRoute.GET(apiRequest(`/api/buckets?q=${bucket}`, { headers: { cookie: viewer } }), routeContext()),
    bucketPageSchema,
  );
  assert.ok(inventory.buckets.some((b) => b.name === bucket));
  const refused = await errorOf(await apply({ cookie: viewer }), 403, "access_denied");
  assert.match(refused.message, /viewer role: only operators may change encryption/);
  assert.equal(await storedAlgorithm(), "AES256");
});

test("a session for a credential that was removed from the configuration is no longer valid", async () => {
  const res = await bucketsRoute.GET(
    apiRequest("/api/buckets", { headers: { cookie: await cookie("former-admin") } }),
    routeContext(),
  );
  assert.match((await errorOf(res, 401, "unauthenticated")).message, signInFirst);
});

test("an operator's change from another site is refused before anything happens", async () => {
  const admin = await cookie("admin");
  const foreign: Record<string, string>[] = [
    { origin: "https://evil.example" },
    { "sec-fetch-site": "cross-site" },
    { "sec-fetch-site": "same-site" },
  ];
  for (const headers of foreign) {
    const refused = await errorOf(await apply({ cookie: admin, ...headers }), 403, "forbidden_origin");
    assert.match(refused.message, /^Cross-origin request refused/, JSON.stringify(headers));
  }
  assert.equal(await storedAlgorithm(), "AES256");
});

test("an operator applies; the history records the signed-in user next to the AWS identity", async () => {
  const applied = await jsonOf(
    await apply({ cookie: await cookie("admin"), origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin" }),
    applyResultSchema,
  );
  assert.equal(applied.change.user, "admin");
  assert.equal(await storedAlgorithm(), "aws:kms");
  const { changes } = await jsonOf(
    await changesRoute.GET(
      apiRequest(`/api/changes?bucket=${bucket}`, { headers: { cookie: await cookie("viewer") } }),
      routeContext(),
    ),
    changesSchema,
  );
  assert.equal(changes[0]?.user, "admin");
  assert.match(changes[0]?.actor ?? "", /^arn:aws:/);
});

test("changes are rate-limited per user: past the limit 429 with the wait", async () => {
  const admin = await cookie("admin");
  // One change was spent by the previous test: the limit of 3 a minute leaves two, then 429.
  await jsonOf(await apply({ cookie: admin }, "SSE-S3"), applyResultSchema);
  await jsonOf(await apply({ cookie: admin }, "SSE-KMS"), applyResultSchema);
  for (const type of ["SSE-S3", "SSE-KMS"] as const) {
    const refused = await errorOf(await apply({ cookie: admin }, type), 429, "rate_limited");
    assert.match(refused.message, /try again in \d+ s \(limit CONSOLE_MUTATIONS_PER_MINUTE=3\)/);
  }
});
