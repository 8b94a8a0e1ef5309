import assert from "node:assert/strict";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { before, test } from "node:test";
import { GetBucketEncryptionCommand, PutBucketEncryptionCommand } from "@aws-sdk/client-s3";
import { ListAliasesCommand } from "@aws-sdk/client-kms";
import type { NextRequest } from "next/server";
import { currentEncryptionSchema } from "@/lib/contracts/encryption";
import type { ErrorCode } from "@/lib/contracts/errors";
import { reencryptJobsSchema } from "@/lib/contracts/objects";
import { pricingSettingsSchema, type PricingSettingsBody } from "@/lib/contracts/usage";
import { apiRequest, createBucket, errorOf, jsonOf, routeContext, testKms, testS3, uniqueName } from "./helpers";

// Every API route, discovered from app/api, gets malformed JSON, wrong types, unknown fields,
// oversized bodies, path traversal and injection strings, invalid bucket names and ARNs.
// Each case has one right answer (status, error code and what the message names), never a 500,
// and nothing may change.
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
  /** Valid query values of GET (no other method takes a query); each is also sent with hostile strings. */
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
        expectedVersion: "0000000000000000", // the real version, set in before()
        acknowledgedWarnings: [],
      },
    },
    constrained: ["config.kmsKeyId", "config.type", "expectedVersion"],
  },
  "/api/buckets/[name]/encryption/preflight": {
    body: { POST: { config: { type: "SSE-KMS", kmsKeyId: alias, bucketKeyEnabled: true } } },
    constrained: ["config.kmsKeyId", "config.type"],
  },
  "/api/buckets/[name]/batch-job": {
    body: {
      POST: {
        manifest: "generator",
        operation: "update-object-encryption",
        roleArn: "arn:aws:iam::123456789012:role/batch",
        prefix: "",
      },
    },
    constrained: ["manifest", "operation", "roleArn"],
  },
  "/api/buckets/[name]/objects/scan": {
    body: { POST: { action: "cancel", source: "objects", sampleSize: 10 } },
    constrained: ["action", "source"],
  },
  "/api/buckets/[name]/objects/inventory": {
    body: { PUT: { destinationBucket: "it-bad-input-dest", format: "CSV", prefix: "inventory" } },
    constrained: ["destinationBucket", "format", "prefix"],
  },
  "/api/buckets/[name]/objects/inventory/review": {
    body: { POST: { destinationBucket: "it-bad-input-dest", format: "CSV", prefix: "inventory" } },
    constrained: ["destinationBucket", "format", "prefix"],
  },
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
  "/api/inventory/config": { body: { POST: { kind: "incremental" } }, constrained: ["kind"] },
  "/api/settings/inventory-source": {
    body: { PUT: { kind: "config", aggregator: "org-aggregator", region: "us-east-1" } },
    constrained: ["kind", "aggregator", "region"],
  },
  "/api/inventory/config/guardrail": { body: { POST: { region: "us-east-1" } }, constrained: ["region"] },
  "/api/settings/bill-source": {
    body: { PUT: { bucket: "it-bad-input-bill", prefix: "exports", exportName: "kms-bill", months: 3 } },
    constrained: ["bucket", "exportName"],
  },
  "/api/reencrypt-jobs/[id]/[action]": { params: { id: "999999", action: "resume" } },
  "/api/changes/[id]/rollback": { params: { id: "999999" } },
  "/api/changes": { query: { bucket } },
  "/api/reencrypt-jobs": { query: { bucket } },
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

/** The one right answer to a bad request: its status, error code, and the message naming what is wrong. */
type Refusal = { status: number; code: ErrorCode; message: RegExp };

const invalid = (message: RegExp): Refusal => ({ status: 400, code: "invalid_input", message });
const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** route() names every failed field: "Invalid body: config.type: Invalid option: …". */
const badBodyField = (field: string) => invalid(new RegExp(`^Invalid body: (.*; )?${escaped(field)}: `));
const badQueryField = (field: string) => invalid(new RegExp(`^Invalid query: (.*; )?${escaped(field)}: `));
const takesNoBody = invalid(/ takes no request body\.$/);
const tooLarge: Refusal = {
  status: 413,
  code: "payload_too_large",
  message: /^Request body is larger than 16384 bytes\.$/,
};

/**
 * To the schema a KMS key reference is any string of up to 2048 characters; the handler then parses it
 * (lib/contracts/key-ref.ts), so a hostile one is refused with what a key reference looks like.
 */
function constrainedRefusal(field: string, value: string): Refusal {
  if (field.endsWith("kmsKeyId") && value.trim().length <= 2048)
    return invalid(/^(Not a KMS key|"[^"]*" is not a KMS key id|An alias is alias\/)/);
  return badBodyField(field);
}

async function expectRefusal(
  handler: Handler,
  method: Method,
  template: string,
  params: Record<string, string | string[]>,
  init: { query?: string; body?: unknown; label: string; refusal: Refusal },
): Promise<void> {
  const res = await handler(
    apiRequest(urlFor(template, params, init.query), { method, body: init.body }),
    routeContext(params as Record<string, string>),
  );
  const where = `${template} ${init.label}`;
  const { status, code, message } = init.refusal;
  const error = await errorOf(res, status, code).catch((err: Error) => assert.fail(`${where}: ${err.message}`));
  assert.match(error.message, message, `${where}: the message must say what is wrong`);
  assert.doesNotMatch(error.message, /\n\s+at |\.tsx?:\d+|node_modules/, `${where}: message leaks internals`);
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
let pricingBefore: PricingSettingsBody;

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
  // A PUT naming the bucket's real version reaches the handler's own checks (the key reference).
  const encryptionRoute = await import("@/app/api/buckets/[name]/encryption/route");
  const current = await jsonOf(
    await encryptionRoute.GET(apiRequest(`/api/buckets/${bucket}/encryption`), routeContext({ name: bucket })),
    currentEncryptionSchema,
  );
  samples["/api/buckets/[name]/encryption"]!.body!.PUT!.expectedVersion = current.version;
  const pricingRoute = await import("@/app/api/settings/pricing/route");
  pricingBefore = await jsonOf(
    await pricingRoute.GET(apiRequest("/api/settings/pricing"), routeContext()),
    pricingSettingsSchema,
  );
});

test("the route table covers the API (sanity: discovery finds the known routes)", () => {
  const templates = routeFiles.map((r) => r.template);
  for (const t of ["/api/buckets", "/api/buckets/[name]", "/api/buckets/[name]/encryption", "/api/health"])
    assert.ok(templates.includes(t), t);
  for (const t of Object.keys(samples)) assert.ok(templates.includes(t) || !t, `stale sample ${t}`);
});

for (const { template, file } of routeFiles) {
  test(`${template}: hostile input answers its exact refusal, never 500`, async () => {
    const mod = (await import(file)) as Partial<Record<Method, Handler>>;
    const sample = samples[template] ?? {};
    const params = defaultParams(template, sample);
    const methods = (["GET", "POST", "PUT", "PATCH", "DELETE"] as const).filter((m) => typeof mod[m] === "function");
    assert.ok(methods.length > 0, `${template} exports no handler`);
    let cases = 0;
    const refused = (h: Handler, method: Method, p: typeof params, init: Parameters<typeof expectRefusal>[4]) => {
      cases++;
      return expectRefusal(h, method, template, p, init);
    };

    for (const method of methods) {
      const h = mod[method]!;
      const validBody = sample.body?.[method];
      const validQuery = method === "GET" ? (sample.query ?? {}) : {};
      const q = (extra: Record<string, string>) => `?${new URLSearchParams({ ...validQuery, ...extra })}`;

      // Path parameters: traversal, injection, invalid bucket names and ids.
      for (const p of paramNames(template)) {
        if (Array.isArray(params[p])) continue; // catch-all segments (Auth.js) route by name; covered by the 404 below
        const bad = p === "name" ? badBucketNames : [...hostile, "-1", "1.5", "0x10", "99999999999999999999"];
        for (const v of bad)
          await refused(
            h,
            method,
            { ...params, [p]: v },
            {
              label: `${method} [${p}]=${JSON.stringify(v).slice(0, 40)}`,
              body: validBody,
              refusal: invalid(p === "name" ? / is not a valid S3 bucket name: it / : new RegExp(`^${p}: `)),
            },
          );
      }
      // Query: unknown fields, hostile values for each known field.
      await refused(h, method, params, {
        query: q({ unexpected: "1" }),
        label: `${method} unknown query field`,
        body: validBody,
        refusal: invalid(/^Invalid query: .*unknown field\(s\) unexpected/),
      });
      for (const k of Object.keys(validQuery)) {
        for (const v of hostile)
          await refused(h, method, params, {
            query: q({ [k]: v }),
            label: `${method} ?${k}=${JSON.stringify(v).slice(0, 40)}`,
            body: validBody,
            refusal: badQueryField(k),
          });
      }
      if (method === "GET") continue;
      const query = "";

      // Bodies: malformed, oversized, wrong shapes; for routes without a body, any body at all.
      await refused(h, method, params, {
        query,
        body: "{not json",
        label: `${method} malformed JSON`,
        refusal: validBody ? invalid(/^Request body is not valid JSON\.$/) : takesNoBody,
      });
      await refused(h, method, params, {
        query,
        body: JSON.stringify({ pad: "x".repeat(1024 * 1024) }),
        label: `${method} 1 MB body`,
        refusal: validBody ? tooLarge : takesNoBody,
      });
      if (!validBody) {
        // A route that does take a body fails here: give it a sample body in the table above.
        await refused(h, method, params, {
          query,
          body: { unexpected: true },
          label: `${method} body on a body-less endpoint`,
          refusal: takesNoBody,
        });
        continue;
      }
      for (const shape of [[], null, "a string", 42, true])
        await refused(h, method, params, {
          query,
          body: JSON.stringify(shape),
          label: `${method} body ${JSON.stringify(shape)}`,
          refusal: invalid(/^Invalid body: body: Invalid input: expected object, received /),
        });
      await refused(h, method, params, {
        query,
        body: { ...validBody, unexpected: 1 },
        label: `${method} unknown body field`,
        refusal: invalid(/^Invalid body: body: unknown field\(s\) unexpected$/),
      });
      for (const leaf of leaves(validBody)) {
        await refused(h, method, params, {
          query,
          body: withLeaf(validBody, leaf.path, wrongType(leaf.value)),
          label: `${method} ${leaf.path} of the wrong type`,
          refusal: badBodyField(leaf.path),
        });
      }
      for (const field of sample.constrained ?? []) {
        for (const v of [...hostile, ...(field.endsWith("kmsKeyId") ? badArns : [])]) {
          await refused(h, method, params, {
            query,
            body: withLeaf(validBody, field, v),
            label: `${method} ${field}=${JSON.stringify(v).slice(0, 40)}`,
            refusal: constrainedRefusal(field, v),
          });
        }
      }
      // A nested unknown field is refused too, not silently dropped.
      for (const leaf of leaves(validBody).filter((l) => l.path.includes("."))) {
        const parent = leaf.path.split(".").slice(0, -1).join(".");
        await refused(h, method, params, {
          query,
          body: withLeaf(validBody, `${parent}.unexpected`, 1),
          label: `${method} unknown field in ${parent}`,
          refusal: invalid(new RegExp(`^Invalid body: ${escaped(parent)}: unknown field\\(s\\) unexpected$`)),
        });
      }
    }
    // Every route gets at least the unknown-query case per method; most get dozens.
    assert.ok(cases >= methods.length, `${template}: only ${cases} cases ran`);
  });
}

test("after all of that nothing changed: bucket encryption, history, keys, jobs, settings", async () => {
  const after = (await testS3().send(new GetBucketEncryptionCommand({ Bucket: bucket })))
    .ServerSideEncryptionConfiguration;
  assert.deepEqual(after, encryptionBefore);
  const { listChanges } = await import("@/lib/changes/store");
  assert.deepEqual(listChanges({ bucket }), []);
  const aliases = (await testKms().send(new ListAliasesCommand({}))).Aliases ?? [];
  assert.equal(aliases.filter((a) => a.AliasName?.startsWith(alias)).length, 0);
  const jobsRoute = await import("@/app/api/reencrypt-jobs/route");
  const jobs = await jsonOf(
    await jobsRoute.GET(apiRequest(`/api/reencrypt-jobs?bucket=${bucket}`), routeContext()),
    reencryptJobsSchema,
  );
  assert.deepEqual(jobs, { jobs: [] });
  const pricingRoute = await import("@/app/api/settings/pricing/route");
  const pricing = await jsonOf(
    await pricingRoute.GET(apiRequest("/api/settings/pricing"), routeContext()),
    pricingSettingsSchema,
  );
  assert.deepEqual(pricing, pricingBefore);
});
