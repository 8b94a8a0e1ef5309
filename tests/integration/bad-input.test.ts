import assert from "node:assert/strict";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { before, test } from "node:test";
import { GetBucketEncryptionCommand, PutBucketEncryptionCommand } from "@aws-sdk/client-s3";
import { ListAliasesCommand } from "@aws-sdk/client-kms";
import type { NextRequest } from "next/server";
import { apiRequest, createBucket, routeContext, testKms, testS3, uniqueName } from "./helpers";

// Every API route, discovered from app/api, gets malformed JSON, wrong types, unknown fields,
// oversized bodies, path traversal and injection strings, invalid bucket names and ARNs.
// Each must answer 4xx with a clear message, never 500, and nothing may change.
// (Wrong HTTP methods are answered by Next itself: e2e/security.spec.ts checks them.)

process.env.CONSOLE_DATA_DIR = mkdtempSync(path.join(tmpdir(), "bkc-bad-input-"));
process.env.CONSOLE_MUTATIONS_PER_MINUTE = "100000"; // this test sends hundreds of refused changes

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type Handler = (req: NextRequest, ctx: ReturnType<typeof routeContext>) => Promise<Response>;
type Sample = {
  /** Path parameter values that pass validation (defaults: name → the test bucket, id → "1"). */
  params?: Record<string, string | string[]>;
  /** A structurally valid body per method. Bodies are only ever sent broken, never as is. */
  body?: Partial<Record<Method, Record<string, unknown>>>;
  /** Valid query values; each is also sent with hostile strings. */
  query?: Record<string, string>;
  /** Body fields (dot paths) that must reject hostile strings and malformed ARNs. */
  constrained?: string[];
};

const bucket = uniqueName("badinput");
const alias = `alias/${uniqueName("badinput")}`;

// The per-route sample inputs. A route discovered without an entry here still gets the generic
// checks; one with a body or an unusual path parameter needs an entry (the test says so).
const samples: Record<string, Sample> = {
  "/api/buckets/[name]/encryption": {
    body: {
      PUT: {
        config: { type: "SSE-KMS", kmsKeyId: alias, bucketKeyEnabled: true },
        expectedVersion: "0000000000000000",
        acknowledgedWarnings: [],
      },
    },
    constrained: ["config.kmsKeyId", "config.type", "expectedVersion"],
  },
  "/api/buckets/[name]/encryption/preflight": {
    body: { POST: { config: { type: "SSE-KMS", kmsKeyId: alias, bucketKeyEnabled: true } } },
    constrained: ["config.kmsKeyId", "config.type"],
  },
  "/api/buckets/[name]/objects/scan": { body: { POST: { action: "cancel", sampleSize: 10 } }, constrained: ["action"] },
  "/api/buckets/[name]/reencrypt": {
    body: { POST: { dryRun: true, prefix: "", onlyWithoutBucketKey: true, concurrency: 4, ratePerSecond: 10 } },
  },
  "/api/kms/keys": {
    body: { POST: { region: "us-east-1", alias, description: "x" } },
    query: { region: "us-east-1" },
    constrained: ["region", "alias"],
  },
  "/api/settings/pricing": {
    body: { PUT: { pricePer10k: 0.03, regionPrices: {}, freeTierRequests: 0, refreshWindowMinutes: 5 } },
  },
  "/api/settings/usage-source": {
    body: {
      PUT: {
        source: "athena",
        athena: {
          workgroup: "primary",
          outputLocation: "s3://it-results/usage/",
          database: "bucket_key_console",
          table: "cloudtrail_kms",
          scanPricePerTb: 5,
          windowDays: 30,
        },
      },
    },
    constrained: ["source", "athena.workgroup", "athena.outputLocation", "athena.database", "athena.table"],
  },
  "/api/settings/usage-source/athena-table": {
    body: { POST: { sql: ["CREATE DATABASE IF NOT EXISTS `bucket_key_console`"] } },
  },
  "/api/jobs/[id]/[action]": { params: { id: "999999", action: "pause" } },
  "/api/changes/[id]/rollback": { params: { id: "999999" } },
  "/api/changes": { query: { bucket } },
  "/api/jobs": { query: { bucket } },
  "/api/buckets": { query: { limit: "10", sort: "name" } },
  "/api/inventory/export": { query: { type: "SSE-KMS" } },
  "/api/inventory/candidates": { query: { limit: "5" } },
  "/api/usage": { query: { bucket, from: "2026-01-01T00:00:00Z", to: "2026-01-31T00:00:00Z", granularity: "day" } },
  "/api/savings": { query: { from: "2026-01-01T00:00:00Z", to: "2026-01-31T00:00:00Z" } },
};
// Auth.js's own endpoints are not route() handlers and need Next's runtime to load:
// e2e/security.spec.ts sends them hostile input through the real server.
const notDirectlyCallable = new Set(["/api/auth/[...nextauth]"]);

const hostile = [
  "../../../../etc/passwd",
  "..%2F..%2Fetc%2Fpasswd",
  "a/../../b",
  "<script>alert(1)</script>",
  "'; DROP TABLE changes; --",
  '" OR 1=1 --',
  "${jndi:ldap://127.0.0.1/x}",
  "$(touch /tmp/pwned)",
  "bucket\u0000null",
  "x".repeat(5000),
];
const badBucketNames = [
  "UPPERCASE",
  "ab",
  "-leading-dash",
  "trailing-dash-",
  "192.168.1.1",
  "xn--punycode",
  "has_underscore",
  "a..b",
  "bucket-s3alias",
  ...hostile,
];
const badArns = [
  "arn:aws:kms:us-east-1:123456789012:key/../../etc/passwd",
  "arn:aws:s3:::some-bucket",
  "arn:aws:kms:us-east-1:not-an-account:key/abc",
  "arn:aws:iam::123456789012:root",
  "alias/aws/../../x y",
  "not an arn or alias",
];

const apiRoot = path.resolve(import.meta.dirname, "..", "..", "app", "api");
const routeFiles = readdirSync(apiRoot, { recursive: true })
  .map(String)
  .filter((f) => f.endsWith("route.ts"))
  .map((f) => ({ template: `/api/${path.dirname(f).split(path.sep).join("/")}`, file: path.join(apiRoot, f) }))
  .filter((r) => !notDirectlyCallable.has(r.template))
  .sort((a, b) => a.template.localeCompare(b.template));

const paramNames = (template: string) => [...template.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)].map((m) => m[1]!);

function defaultParams(template: string, sample: Sample): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  for (const p of paramNames(template)) {
    const value = sample.params?.[p] ?? (p === "name" ? bucket : p === "id" ? "999999" : undefined);
    assert.ok(
      value !== undefined,
      `${template}: add params.${p} (a valid value) to its entry in the samples table of tests/integration/bad-input.test.ts`,
    );
    params[p] = value;
  }
  return params;
}

function urlFor(template: string, params: Record<string, string | string[]>, query = ""): string {
  const p = template.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, k: string) =>
    [params[k]]
      .flat()
      .map((v) => encodeURIComponent(String(v)))
      .join("/"),
  );
  return p + query;
}

type Outcome = { label: string; status: number; message: string };

async function call(
  handler: Handler,
  method: Method,
  template: string,
  params: Record<string, string | string[]>,
  init: { query?: string; body?: unknown; label: string },
): Promise<Outcome> {
  const res = await handler(
    apiRequest(urlFor(template, params, init.query), { method, body: init.body }),
    routeContext(params as Record<string, string>),
  );
  const text = await res.text();
  let message = "";
  try {
    message = String(JSON.parse(text)?.error?.message ?? "");
  } catch {
    message = "";
  }
  return { label: init.label, status: res.status, message };
}

function assertRefused(route: string, o: Outcome) {
  const where = `${route} ${o.label}`;
  assert.ok(o.status >= 400 && o.status < 500, `${where}: expected 4xx, got ${o.status} (${o.message.slice(0, 200)})`);
  assert.ok(o.message.length >= 10, `${where}: a 4xx needs a clear message, got "${o.message}"`);
  assert.doesNotMatch(o.message, /\n\s+at |\.tsx?:\d+|node_modules/, `${where}: message leaks internals`);
}

/** Every leaf path of a JSON object ("config.kmsKeyId"). */
function leaves(value: unknown, prefix = ""): { path: string; value: unknown }[] {
  if (value && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length > 0) {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
  }
  return [{ path: prefix, value }];
}

function withLeaf(body: Record<string, unknown>, leafPath: string, replacement: unknown): Record<string, unknown> {
  const copy = structuredClone(body);
  const keys = leafPath.split(".");
  let node = copy as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) node = node[k] as Record<string, unknown>;
  node[keys.at(-1)!] = replacement;
  return copy;
}

const wrongType = (v: unknown): unknown =>
  typeof v === "string"
    ? 12345
    : typeof v === "number"
      ? "12"
      : typeof v === "boolean"
        ? "true"
        : Array.isArray(v)
          ? { not: "a list" }
          : v === null
            ? 123
            : "not an object";

let encryptionBefore: unknown;
let pricingBefore: string;

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
  encryptionBefore = (await testS3().send(new GetBucketEncryptionCommand({ Bucket: bucket })))
    .ServerSideEncryptionConfiguration;
  const pricing = routeFiles.find((r) => r.template === "/api/settings/pricing");
  if (pricing)
    pricingBefore = await (
      await (await import(pricing.file)).GET(apiRequest("/api/settings/pricing"), routeContext())
    ).text();
});

test("the route table covers the API (sanity: discovery finds the known routes)", () => {
  const templates = routeFiles.map((r) => r.template);
  for (const t of ["/api/buckets", "/api/buckets/[name]", "/api/buckets/[name]/encryption", "/api/health"])
    assert.ok(templates.includes(t), t);
  for (const t of Object.keys(samples)) assert.ok(templates.includes(t) || !t, `stale sample ${t}`);
});

for (const { template, file } of routeFiles) {
  test(`${template}: hostile input answers 4xx with a clear message, never 500`, async () => {
    const mod = (await import(file)) as Partial<Record<Method, Handler>>;
    const sample = samples[template] ?? {};
    const params = defaultParams(template, sample);
    const methods = (["GET", "POST", "PUT", "PATCH", "DELETE"] as const).filter((m) => typeof mod[m] === "function");
    assert.ok(methods.length > 0, `${template} exports no handler`);
    const outcomes: Outcome[] = [];

    for (const method of methods) {
      const h = mod[method]!;
      const validBody = sample.body?.[method];
      const validQuery = new URLSearchParams(sample.query ?? {}).toString();
      const q = (extra: Record<string, string>) => `?${new URLSearchParams({ ...(sample.query ?? {}), ...extra })}`;

      // Path parameters: traversal, injection, invalid bucket names and ids.
      for (const p of paramNames(template)) {
        if (Array.isArray(params[p])) continue; // catch-all segments (Auth.js) route by name; covered by the 404 below
        const bad = p === "name" ? badBucketNames : [...hostile, "-1", "1.5", "0x10", "99999999999999999999"];
        for (const v of bad)
          outcomes.push(
            await call(
              h,
              method,
              template,
              { ...params, [p]: v },
              { label: `${method} [${p}]=${JSON.stringify(v).slice(0, 40)}`, body: validBody },
            ),
          );
      }
      // Query: unknown fields, hostile values for each known field.
      outcomes.push(
        await call(h, method, template, params, {
          query: q({ unexpected: "1" }),
          label: `${method} unknown query field`,
          body: validBody,
        }),
      );
      for (const k of Object.keys(sample.query ?? {})) {
        for (const v of hostile)
          outcomes.push(
            await call(h, method, template, params, {
              query: q({ [k]: v }),
              label: `${method} ?${k}=${JSON.stringify(v).slice(0, 40)}`,
              body: validBody,
            }),
          );
      }
      if (method === "GET") continue;
      const query = validQuery ? `?${validQuery}` : "";

      // Bodies: malformed, oversized, wrong shapes; for routes without a body, any body at all.
      outcomes.push(
        await call(h, method, template, params, { query, body: "{not json", label: `${method} malformed JSON` }),
      );
      outcomes.push(
        await call(h, method, template, params, {
          query,
          body: JSON.stringify({ pad: "x".repeat(1024 * 1024) }),
          label: `${method} 1 MB body`,
        }),
      );
      if (!validBody) {
        outcomes.push(
          await call(h, method, template, params, {
            query,
            body: { unexpected: true },
            label: `${method} body on a body-less endpoint`,
          }),
        );
        continue;
      }
      for (const shape of [[], null, "a string", 42, true])
        outcomes.push(
          await call(h, method, template, params, {
            query,
            body: JSON.stringify(shape),
            label: `${method} body ${JSON.stringify(shape)}`,
          }),
        );
      outcomes.push(
        await call(h, method, template, params, {
          query,
          body: { ...validBody, unexpected: 1 },
          label: `${method} unknown body field`,
        }),
      );
      for (const leaf of leaves(validBody)) {
        outcomes.push(
          await call(h, method, template, params, {
            query,
            body: withLeaf(validBody, leaf.path, wrongType(leaf.value)),
            label: `${method} ${leaf.path} of the wrong type`,
          }),
        );
      }
      for (const field of sample.constrained ?? []) {
        for (const v of [...hostile, ...(field.endsWith("kmsKeyId") ? badArns : [])]) {
          outcomes.push(
            await call(h, method, template, params, {
              query,
              body: withLeaf(validBody, field, v),
              label: `${method} ${field}=${JSON.stringify(v).slice(0, 40)}`,
            }),
          );
        }
      }
      // A nested unknown field is refused too, not silently dropped.
      for (const leaf of leaves(validBody).filter((l) => l.path.includes("."))) {
        const parent = leaf.path.split(".").slice(0, -1).join(".");
        outcomes.push(
          await call(h, method, template, params, {
            query,
            body: withLeaf(validBody, `${parent}.unexpected`, 1),
            label: `${method} unknown field in ${parent}`,
          }),
        );
      }
    }
    assert.ok(outcomes.length > 0);
    for (const o of outcomes) assertRefused(template, o);
  });
}

test("after all of that nothing changed: bucket encryption, history, keys, jobs, settings", async () => {
  const after = (await testS3().send(new GetBucketEncryptionCommand({ Bucket: bucket })))
    .ServerSideEncryptionConfiguration;
  assert.deepEqual(after, encryptionBefore);
  const { listChanges } = await import("@/lib/changes/change-store");
  assert.deepEqual(listChanges({ bucket }), []);
  const aliases = (await testKms().send(new ListAliasesCommand({}))).Aliases ?? [];
  assert.equal(aliases.filter((a) => a.AliasName?.startsWith(alias)).length, 0);
  const jobs = routeFiles.find((r) => r.template === "/api/jobs");
  if (jobs)
    assert.deepEqual(
      (await (await (await import(jobs.file)).GET(apiRequest(`/api/jobs?bucket=${bucket}`), routeContext())).json())
        .jobs,
      [],
    );
  const pricing = routeFiles.find((r) => r.template === "/api/settings/pricing");
  if (pricing)
    assert.equal(
      await (await (await import(pricing.file)).GET(apiRequest("/api/settings/pricing"), routeContext())).text(),
      pricingBefore,
    );
});
