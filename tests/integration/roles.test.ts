import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { encode } from "next-auth/jwt";
import { hashPassword } from "@/lib/runtime/password.mjs";
import { objectScanSchema } from "@/lib/contracts/objects";
import { apiRequest, createBucket, errorOf, jsonOf, routeContext, uniqueName } from "./helpers";

// Routes × roles, every handler found from app/api (scripts/route-table.ts): a viewer is refused every change and
// every stop (pause, cancel) with 403 access_denied, and may call the same-origin reads; an operator passes the
// role check everywhere. A viewer's object audit is a bounded sample, an operator's may list the whole bucket.
const secret = "integration-test-secret-of-at-least-32-chars";
Object.assign(process.env, {
  AUTH_SECRET: secret,
  CONSOLE_ADMIN_PASSWORD_HASH: await hashPassword("admin-password-123"),
  CONSOLE_VIEWER_PASSWORD_HASH: await hashPassword("viewer-password-123"),
  CONSOLE_DATA_DIR: mkdtempSync(path.join(tmpdir(), "bkc-roles-")),
});
const cookie = async (sub: string) =>
  `authjs.session-token=${await encode({ token: { sub, method: "password" }, secret, salt: "authjs.session-token" })}`;

const { routeTable } = await import("../../scripts/route-table");
const handlers = (await routeTable()).filter(
  (r) => r.access === "change" || r.access === "stop" || r.access === "spend",
);
const sampleParams: Record<string, string> = { name: "it-roles-nobucket", id: "999999", action: "resume" };

async function call(h: (typeof handlers)[number], user: "admin" | "viewer") {
  const mod = (await import(`@/${h.file}`)) as Record<string, (req: Request, ctx: unknown) => Promise<Response>>;
  const params = Object.fromEntries([...h.path.matchAll(/:(\w+)/g)].map(([, p]) => [p!, sampleParams[p!] ?? "x"]));
  const url = h.path.replace(/:(\w+)/g, (_, p: string) => params[p]!);
  const headers = { cookie: await cookie(user) };
  return mod[h.method]!(apiRequest(url, { method: h.method, body: {}, headers }), routeContext(params));
}

for (const h of handlers) {
  for (const user of ["viewer", "admin"] as const) {
    const refused = user === "viewer" && h.access !== "spend";
    test(`${user} on ${h.method} ${h.path} (${h.access}): ${refused ? "403 access_denied" : "passes the role check"}`, async () => {
      const res = await call(h, user);
      if (refused)
        assert.match((await errorOf(res, 403, "access_denied")).message, /with the viewer role: only operators may/);
      else {
        // Any answer but the role's refusal: each route answers the sample body its own way (a success or its own
        // error), so only the error code, if any, is read here.
        const text = await res.text();
        assert.notEqual((JSON.parse(text) as { error?: { code: string } }).error?.code, "access_denied", text);
      }
    });
  }
}

test("a viewer's object audit reads a sample of at most 1,000 objects; an operator's may read them all", async () => {
  const scanRoute = await import("@/app/api/buckets/[name]/objects/scan/route");
  const cases = [
    { user: "viewer", body: { source: "objects" }, sampleSize: 1000 },
    { user: "viewer", body: { source: "objects", sampleSize: 50_000 }, sampleSize: 1000 },
    { user: "viewer", body: { source: "objects", sampleSize: 10 }, sampleSize: 10 },
    { user: "admin", body: { source: "objects" }, sampleSize: null },
  ];
  for (const c of cases) {
    const bucket = uniqueName("roles-audit");
    await createBucket(bucket);
    const res = await scanRoute.POST(
      apiRequest(`/api/buckets/${bucket}/objects/scan`, {
        method: "POST",
        body: c.body,
        headers: { cookie: await cookie(c.user) },
      }),
      routeContext({ name: bucket }),
    );
    const scan = await jsonOf(res, objectScanSchema);
    assert.equal(scan.sampleSize, c.sampleSize, `${c.user} ${JSON.stringify(c.body)}`);
  }
});
