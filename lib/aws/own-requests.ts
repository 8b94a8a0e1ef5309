import "server-only";
import type { S3Client } from "@aws-sdk/client-s3";
import { migrate, openDb } from "@/lib/runtime/db";

// The request ids of the bucket changes the console itself sent. CloudTrail records S3's request id with each
// event (requestID), so "changed outside this console" can be told from the console's own calls by what the
// console wrote down when it made them. The User-Agent alone proves nothing: any client can send the console's.

const migrations = [`CREATE TABLE console_requests (request_id TEXT PRIMARY KEY, at TEXT NOT NULL)`];

function db() {
  const d = openDb();
  migrate(d, "console-requests", migrations);
  return d;
}

/** Bucket-level changes (PutBucketEncryption, DeleteBucketPolicy, CreateBucket, …): few, and what CloudTrail notes. */
const bucketChange = /^(Put|Delete|Create)Bucket/;
/** Kept long enough for any CloudTrail delivery or LookupEvents window (90 days) to be matched. */
const keepDays = 100;

export function recordOwnRequest(requestId: string, at = new Date()): void {
  const d = db();
  d.prepare("INSERT INTO console_requests (request_id, at) VALUES (?, ?) ON CONFLICT DO NOTHING").run(
    requestId,
    at.toISOString(),
  );
  d.prepare("DELETE FROM console_requests WHERE at < ?").run(
    new Date(at.getTime() - keepDays * 86_400_000).toISOString(),
  );
}

export function isOwnRequest(requestId: string | null): boolean {
  if (!requestId) return false;
  return db().prepare("SELECT 1 FROM console_requests WHERE request_id = ?").get(requestId) !== undefined;
}

const instrumented = new WeakSet<S3Client>();

/** Makes an S3 client write down the request id of every bucket change it sends and S3 accepts. */
export function recordingOwnRequests(client: S3Client): S3Client {
  if (instrumented.has(client)) return client;
  instrumented.add(client);
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      const requestId = (result.output as { $metadata?: { requestId?: string } }).$metadata?.requestId;
      if (requestId && bucketChange.test(context.commandName ?? "")) recordOwnRequest(requestId);
      return result;
    },
    { step: "initialize", name: "bkcRecordOwnRequests" },
  );
  return client;
}
