import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { before, test } from "node:test";
import { GetBucketEncryptionCommand, PutBucketEncryptionCommand } from "@aws-sdk/client-s3";
import { NextRequest } from "next/server";
import type { z } from "zod";
import type { ErrorCode } from "@/lib/contracts/errors";
import { bucketPageSchema } from "@/lib/contracts/bucket-list";
import { applyResultSchema, currentEncryptionSchema, preflightResultSchema } from "@/lib/contracts/encryption";
import { createBucket, errorOf, jsonOf, routeContext, testS3, uniqueName } from "./helpers";

// Who the console answers to, request by request, as the server runs it: proxy.ts first, then the
// route handler. Table-driven over Host × Origin × Sec-Fetch-Site × content type × method for a
// read (GET /api/buckets), a review that only reads AWS (POST …/preflight) and a change
// (PUT …/encryption), each row with its exact status and error code. The change's effect is read
// back from S3 after every row, so a refused row that changed the bucket fails here.
Object.assign(process.env, {
  PORT: "3000",
  HOST: "127.0.0.1",
  CONSOLE_PUBLIC_URL: "https://console.example.com",
  CONSOLE_ALLOWED_HOSTS: "ops.internal:8443",
  CONSOLE_DATA_DIR: mkdtempSync(path.join(tmpdir(), "bkc-host-origin-")),
  CONSOLE_MUTATIONS_PER_MINUTE: "100000",
});
const { proxy } = await import("@/proxy");
const bucketsRoute = await import("@/app/api/buckets/route");
const encryptionRoute = await import("@/app/api/buckets/[name]/encryption/route");
const preflightRoute = await import("@/app/api/buckets/[name]/encryption/preflight/route");

const bucket = uniqueName("host");
const local = "127.0.0.1:3000";
const rebound = "evil.example:3000";
const json = "application/json";

type Row = {
  host: string | null;
  origin?: string;
  site?: string;
  /** Content type of the body; undefined: application/json; null: no Content-Type header. */
  type?: string | null;
  status: number;
  code?: ErrorCode;
};

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

function request(method: string, url: string, row: Row, body?: unknown): NextRequest {
  const headers: Record<string, string> = {};
  if (row.host !== null) headers.host = row.host;
  if (row.origin) headers.origin = row.origin;
  if (row.site) headers["sec-fetch-site"] = row.site;
  const type = row.type === undefined ? json : row.type;
  if (body !== undefined && type !== null) headers["content-type"] = type;
  return new NextRequest(`http://127.0.0.1:3000${url}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

type Handler = (req: NextRequest, ctx: ReturnType<typeof routeContext>) => Promise<Response>;

/** What the server does: the proxy answers, or lets the request through to the handler. */
async function serve(req: NextRequest, handler: Handler, params: Record<string, string> = {}) {
  const early = await proxy(req);
  return early.headers.get("x-middleware-next") === "1" ? handler(req, routeContext(params)) : early;
}

/** The row's answer: its error, or the handler's own answer read through the handler's schema. */
async function check(row: Row, res: Response, schema: z.ZodType) {
  const label = JSON.stringify(row);
  if (row.code === undefined) return void (await jsonOf(res, schema, row.status));
  const error = await errorOf(res, row.status, row.code);
  if (row.code === "forbidden_host") assert.match(error.message, /CONSOLE_ALLOWED_HOSTS.*CONSOLE_PUBLIC_URL/, label);
}

test("GET /api/buckets: only allowed hosts are answered; a read's Origin does not matter", async () => {
  const rows: Row[] = [
    { host: local, status: 200 },
    { host: "localhost:3000", status: 200 },
    { host: "[::1]:3000", status: 200 },
    { host: "LOCALHOST.:3000", status: 200 },
    { host: "console.example.com", status: 200 },
    { host: "console.example.com:443", status: 200 },
    { host: "ops.internal:8443", status: 200 },
    // Another site can send the request, but without CORS headers its page cannot read the answer.
    { host: local, origin: "https://evil.example", site: "cross-site", status: 200 },
    { host: rebound, status: 403, code: "forbidden_host" },
    { host: rebound, origin: `http://${rebound}`, site: "same-origin", status: 403, code: "forbidden_host" },
    { host: "127.0.0.1:3001", status: 403, code: "forbidden_host" },
    { host: "127.0.0.1", status: 403, code: "forbidden_host" },
    { host: "console.example.com:3000", status: 403, code: "forbidden_host" },
    { host: "console.example.com.evil.example", status: 403, code: "forbidden_host" },
    { host: "ops.internal", status: 403, code: "forbidden_host" },
    { host: "2130706433:3000", status: 403, code: "forbidden_host" },
    { host: "127.0.0.1:3000@evil.example", status: 403, code: "forbidden_host" },
    { host: "127.0.0.1:3000, evil.example", status: 403, code: "forbidden_host" },
    { host: "", status: 403, code: "forbidden_host" },
    { host: null, status: 403, code: "forbidden_host" },
  ];
  for (const row of rows)
    await check(row, await serve(request("GET", "/api/buckets", row), bucketsRoute.GET), bucketPageSchema);
});

test("POST …/encryption/preflight (reads AWS): allowed host, same origin, JSON body", async () => {
  const body = { config: { type: "SSE-KMS", kmsKeyId: "alias/aws/s3", bucketKeyEnabled: true } };
  const rows: Row[] = [
    { host: local, status: 200 },
    { host: local, origin: `http://${local}`, site: "same-origin", status: 200 },
    { host: rebound, origin: `http://${rebound}`, site: "same-origin", status: 403, code: "forbidden_host" },
    { host: local, origin: "https://evil.example", site: "cross-site", status: 403, code: "forbidden_origin" },
    { host: local, type: "text/plain", status: 415, code: "unsupported_media_type" },
  ];
  for (const row of rows) {
    const req = request("POST", `/api/buckets/${bucket}/encryption/preflight`, row, body);
    await check(row, await serve(req, preflightRoute.POST, { name: bucket }), preflightResultSchema);
  }
});

const storedAlgorithm = async () =>
  (await testS3().send(new GetBucketEncryptionCommand({ Bucket: bucket }))).ServerSideEncryptionConfiguration!
    .Rules![0]!.ApplyServerSideEncryptionByDefault!.SSEAlgorithm;

test("PUT …/encryption (a change): allowed host, an Origin from the configuration, JSON; S3 checked every row", async () => {
  const browser = (host: string, origin = `http://${host}`): Row => ({
    host,
    origin,
    site: "same-origin",
    status: 200,
  });
  const rows: Row[] = [
    { host: local, status: 200 }, // curl and scripts: no Origin, no Sec-Fetch-Site
    browser(local),
    browser("localhost:3000"),
    browser("[::1]:3000"),
    browser("console.example.com", "https://console.example.com"),
    browser("ops.internal:8443"),
    { host: local, type: "application/json; charset=utf-8", status: 200 },
    { host: local, type: "Application/JSON", status: 200 },
    // The DNS-rebinding attack: Host and Origin both name the attacker's site, and it is "same-origin".
    { ...browser(rebound), status: 403, code: "forbidden_host" },
    { host: rebound, status: 403, code: "forbidden_host" },
    { host: rebound, type: "text/plain", status: 403, code: "forbidden_host" },
    // The Origin is compared with the configuration, not with the Host header.
    { ...browser("console.example.com"), status: 403, code: "forbidden_origin" },
    { ...browser(local, "http://evil.example:3000"), status: 403, code: "forbidden_origin" },
    { ...browser(local, "http://127.0.0.1:3001"), status: 403, code: "forbidden_origin" },
    { ...browser(local, "null"), status: 403, code: "forbidden_origin" },
    { host: local, origin: `http://${local}`, site: "cross-site", status: 403, code: "forbidden_origin" },
    { host: local, origin: `http://${local}`, site: "same-site", status: 403, code: "forbidden_origin" },
    { host: local, site: "cross-site", status: 403, code: "forbidden_origin" },
    // A cross-site form: text/plain needs no preflight, the origin check refuses it first.
    {
      host: local,
      origin: "https://evil.example",
      site: "cross-site",
      type: "text/plain",
      status: 403,
      code: "forbidden_origin",
    },
    { ...browser(local), type: "text/plain", status: 415, code: "unsupported_media_type" },
    { host: local, type: "text/plain", status: 415, code: "unsupported_media_type" },
    { host: local, type: "application/x-www-form-urlencoded", status: 415, code: "unsupported_media_type" },
    { host: local, type: "multipart/form-data; boundary=x", status: 415, code: "unsupported_media_type" },
    { host: local, type: null, status: 415, code: "unsupported_media_type" },
  ];
  let algorithm = await storedAlgorithm();
  for (const row of rows) {
    // Each row asks for the other algorithm than the bucket has, with the current version.
    const current = await jsonOf(
      await encryptionRoute.GET(
        request("GET", `/api/buckets/${bucket}/encryption`, { host: local, status: 200 }),
        routeContext({ name: bucket }),
      ),
      currentEncryptionSchema,
    );
    const wanted = algorithm === "AES256" ? "aws:kms" : "AES256";
    const config =
      wanted === "aws:kms"
        ? { type: "SSE-KMS", kmsKeyId: "alias/aws/s3", bucketKeyEnabled: true }
        : { type: "SSE-S3", kmsKeyId: null, bucketKeyEnabled: false };
    const req = request("PUT", `/api/buckets/${bucket}/encryption`, row, {
      config,
      expectedVersion: current.version,
      acknowledgedWarnings: [],
    });
    await check(row, await serve(req, encryptionRoute.PUT, { name: bucket }), applyResultSchema);
    if (row.status === 200) algorithm = wanted;
    assert.equal(await storedAlgorithm(), algorithm, `S3 after ${JSON.stringify(row)}`);
  }
});

test("pages and Next's files under a foreign host get a short page, escaped, and nothing else", async () => {
  for (const url of ["/", "/buckets", "/_next/static/chunks/main.js", "/favicon.ico", "/no-such-page"]) {
    // Raw on purpose: this answer is an HTML page (its headers and escaping are what is checked), not the API's JSON.
    const res = await proxy(request("GET", url, { host: `<b>evil</b>.example:3000`, status: 403 }));
    assert.equal(res.status, 403, url);
    assert.equal(res.headers.get("content-type"), "text/html; charset=utf-8");
    assert.equal(res.headers.get("cache-control"), "no-store");
    const html = await res.text();
    assert.match(html, /This address does not lead to the console/);
    assert.match(html, /&lt;b&gt;evil&lt;\/b&gt;\.example:3000/);
    assert.doesNotMatch(html, /<b>evil/);
    assert.doesNotMatch(html, /console\.example\.com|ops\.internal/, "the configured names stay private");
  }
  const allowed = await proxy(request("GET", "/buckets", { host: local, status: 200 }));
  assert.equal(allowed.headers.get("x-middleware-next"), "1", "an allowed host goes on to the page");
});
