// Shared setup for integration tests: SDK clients aimed at the moto server the test runner
// started, a guard that refuses anything but loopback, and unique names per test file.
import assert from "node:assert/strict";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { KMSClient } from "@aws-sdk/client-kms";
import { randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import { z } from "zod";
import { apiErrorSchema, type ApiErrorBody } from "@/lib/contracts/api-error";
import type { ErrorCode } from "@/lib/contracts/errors";

export function motoUrl(): string {
  const url = process.env.AWS_ENDPOINT_URL;
  if (!url) throw new Error("AWS_ENDPOINT_URL is not set: run integration tests through `npm test -- integration`.");
  const host = new URL(url).hostname;
  if (host !== "127.0.0.1" && host !== "localhost")
    throw new Error(`Refusing to run integration tests against ${url}: loopback only.`);
  return url;
}

/** The process's credentials: moto's default account, or the one switchToOwnAccount() switched to. */
const credentials = () => ({
  accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? "testing",
  secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? "testing",
  sessionToken: process.env.AWS_SESSION_TOKEN,
});

export const testS3 = (region = "us-east-1") =>
  new S3Client({ region, endpoint: motoUrl(), forcePathStyle: true, credentials: credentials() });
export const testKms = (region = "us-east-1") =>
  new KMSClient({ region, endpoint: motoUrl(), credentials: credentials() });

/** A bucket name unique to this run, so test files never see each other's buckets. */
export function uniqueName(label: string): string {
  return `it-${label}-${randomBytes(3).toString("hex")}`;
}

export async function createBucket(name: string, region = "us-east-1"): Promise<void> {
  await testS3(region).send(
    new CreateBucketCommand({
      Bucket: name,
      ...(region === "us-east-1" ? {} : { CreateBucketConfiguration: { LocationConstraint: region as "eu-west-1" } }),
    }),
  );
}

/** A request as the browser would send it to the console. */
export function apiRequest(
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): NextRequest {
  const body =
    init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body);
  return new NextRequest(`http://127.0.0.1:3000${path}`, {
    method: init.method ?? "GET",
    body,
    headers: { host: "127.0.0.1:3000", ...(body ? { "content-type": "application/json" } : {}), ...init.headers },
  });
}

export const routeContext = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });

/** Runs a full inventory scan of the current account to its end (what Rescan starts in the background). */
export async function scanInventoryNow() {
  const { scanFinished, startScan } = await import("@/lib/inventory/scan");
  startScan("rescan");
  return scanFinished();
}

/**
 * A route's answer read as the browser reads it: the expected status, and a body that parses with the
 * route's own response schema field for field (a field the schema does not know fails too, since the
 * client would silently drop it).
 */
export async function jsonOf<S extends z.ZodType>(
  response: Response,
  schema: S,
  expectedStatus = 200,
): Promise<z.output<S>> {
  const text = await response.text();
  assert.equal(response.status, expectedStatus, `expected HTTP ${expectedStatus}, got ${response.status}: ${text}`);
  const body: unknown = JSON.parse(text);
  const parsed = schema.safeParse(body);
  if (!parsed.success) assert.fail(`the answer does not match its schema: ${z.prettifyError(parsed.error)}\n${text}`);
  assert.deepEqual(parsed.data, body, "the answer has fields its schema does not know");
  return parsed.data;
}

/** An error answer: the one error shape, with this status and code. */
export async function errorOf(
  response: Response,
  expectedStatus: number,
  code: ErrorCode,
): Promise<ApiErrorBody["error"]> {
  const { error } = await jsonOf(response, apiErrorSchema, expectedStatus);
  assert.equal(error.code, code, `expected error ${code}: ${error.message}`);
  return error;
}

/** Default encryption SSE-KMS with this key, Bucket Key on or off, as PutBucketEncryption takes it. */
export const sseKmsConfiguration = (keyArn: string, bucketKeyEnabled: boolean) => ({
  Rules: [
    {
      ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms" as const, KMSMasterKeyID: keyArn },
      BucketKeyEnabled: bucketKeyEnabled,
    },
  ],
});
