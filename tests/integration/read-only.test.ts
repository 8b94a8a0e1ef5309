import assert from "node:assert/strict";
import { test } from "node:test";
import { GetBucketEncryptionCommand, PutBucketEncryptionCommand } from "@aws-sdk/client-s3";
import { currentEncryptionSchema } from "@/lib/contracts/encryption";
import { healthSchema } from "@/lib/contracts/health";
import { objectScanSchema } from "@/lib/contracts/objects";
import { apiRequest, createBucket, errorOf, jsonOf, routeContext, testS3, uniqueName } from "./helpers";

process.env.CONSOLE_READ_ONLY = "1";
const encryptionRoute = await import("@/app/api/buckets/[name]/encryption/route");
const keysRoute = await import("@/app/api/kms/keys/route");
const healthRoute = await import("@/app/api/health/route");
const scanRoute = await import("@/app/api/buckets/[name]/objects/scan/route");
const guardrailRoute = await import("@/app/api/inventory/config/guardrail/route");

test("read-only mode refuses every change with 403 and says why, while reads work", async () => {
  const bucket = uniqueName("ro");
  await createBucket(bucket);
  await testS3().send(
    new PutBucketEncryptionCommand({
      Bucket: bucket,
      ServerSideEncryptionConfiguration: {
        Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }],
      },
    }),
  );

  const health = await jsonOf(await healthRoute.GET(apiRequest("/api/health"), routeContext()), healthSchema);
  assert.equal(health.readOnly, true);
  const current = await jsonOf(
    await encryptionRoute.GET(apiRequest(`/api/buckets/${bucket}/encryption`), routeContext({ name: bucket })),
    currentEncryptionSchema,
  );

  const res = await encryptionRoute.PUT(
    apiRequest(`/api/buckets/${bucket}/encryption`, {
      method: "PUT",
      body: {
        config: { type: "SSE-KMS", kmsKeyId: "alias/aws/s3", bucketKeyEnabled: true },
        expectedVersion: current.version,
      },
    }),
    routeContext({ name: bucket }),
  );
  const readOnly = /read-only mode \(CONSOLE_READ_ONLY=1\): changes are disabled/;
  assert.match((await errorOf(res, 403, "read_only")).message, readOnly);

  const create = await keysRoute.POST(
    apiRequest("/api/kms/keys", { method: "POST", body: { region: "us-east-1", alias: "alias/ro-test" } }),
    routeContext(),
  );
  assert.match((await errorOf(create, 403, "read_only")).message, readOnly);
  const guardrail = await guardrailRoute.POST(
    apiRequest("/api/inventory/config/guardrail", { method: "POST", body: { region: "us-east-1" } }),
    routeContext(),
  );
  assert.match((await errorOf(guardrail, 403, "read_only")).message, readOnly);

  const stored = await testS3().send(new GetBucketEncryptionCommand({ Bucket: bucket }));
  assert.equal(
    stored.ServerSideEncryptionConfiguration!.Rules![0]!.ApplyServerSideEncryptionByDefault!.SSEAlgorithm,
    "AES256",
  );
});

test("an object audit only reads, so read-only mode allows it — from the console's own pages only", async () => {
  const bucket = uniqueName("ro-scan");
  await createBucket(bucket);
  const started = await scanRoute.POST(
    apiRequest(`/api/buckets/${bucket}/objects/scan`, { method: "POST", body: {} }),
    routeContext({ name: bucket }),
  );
  const scan = await jsonOf(started, objectScanSchema);
  assert.deepEqual([scan.bucket, scan.state], [bucket, "running"]);
  const crossSite = await scanRoute.POST(
    apiRequest(`/api/buckets/${bucket}/objects/scan`, {
      method: "POST",
      body: {},
      headers: { "sec-fetch-site": "cross-site" },
    }),
    routeContext({ name: bucket }),
  );
  assert.match((await errorOf(crossSite, 403, "forbidden_origin")).message, /Cross-origin request refused/);
});

// Every handler, found from app/api itself (scripts/route-table.ts), not from a list: each mutation is refused in
// read-only mode before it does anything, and each stop (pause, cancel) and same-origin read is not.
const { routeTable } = await import("../../scripts/route-table");
const handlers = (await routeTable()).filter(
  (r) => r.access === "change" || r.access === "stop" || r.access === "spend",
);
const sampleParams: Record<string, string> = { name: "it-ro-nobucket", id: "999999", action: "resume" };

test("the discovery finds every kind: mutations, stops and same-origin reads", () => {
  const kinds = new Set(handlers.map((h) => h.access));
  assert.deepEqual([...kinds].sort(), ["change", "spend", "stop"]);
  assert.ok(handlers.filter((h) => h.access === "change").length >= 12, "the known mutations are all found");
});

for (const h of handlers) {
  const verdict = h.access === "change" ? "refused with 403 read_only" : "not refused by read-only mode";
  test(`read-only mode: ${h.method} ${h.path} (${h.access}) is ${verdict}`, async () => {
    const mod = (await import(`@/${h.file}`)) as Record<string, (req: Request, ctx: unknown) => Promise<Response>>;
    const params = Object.fromEntries(
      [...h.path.matchAll(/:(\w+)/g)].map(([, p]) => [p!, sampleParams[p!] ?? "x"] as [string, string]),
    );
    const url = h.path.replace(/:(\w+)/g, (_, p: string) => params[p]!);
    const res = await mod[h.method]!(apiRequest(url, { method: h.method, body: {} }), routeContext(params));
    if (h.access === "change") await errorOf(res, 403, "read_only");
    else {
      // Any answer but read-only's refusal: each route answers the sample body its own way (a success or its own
      // error), so only the error code, if any, is read here.
      const text = await res.text();
      assert.notEqual((JSON.parse(text) as { error?: { code: string } }).error?.code, "read_only", text);
    }
  });
}
