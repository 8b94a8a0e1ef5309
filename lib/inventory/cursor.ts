import { createHash } from "node:crypto";
import { AppError } from "@/lib/contracts/errors";
import type { BucketFilterQuery } from "@/lib/contracts/bucket-list";

// Keyset cursors for GET /api/buckets: the last row's sort key, name and account, plus a
// fingerprint of the query they belong to. A cursor is only good for the query (filters, sort,
// search, account scope) that issued it; rows written meanwhile never shift a page.

type CursorKey = { sortValue: string; name: string; account: string };

const version = 1;

export function queryFingerprint(scope: readonly string[], q: BucketFilterQuery): string {
  const parts = [scope.join(","), q.q ?? "", q.type, q.bucketKey, q.region, q.candidate, q.sort, q.order];
  return createHash("sha256").update(JSON.stringify(parts)).digest("base64url").slice(0, 16);
}

export function encodeCursor(fingerprint: string, key: CursorKey): string {
  return Buffer.from(JSON.stringify([version, fingerprint, key.sortValue, key.name, key.account])).toString(
    "base64url",
  );
}

const startOver = "start from the first page (leave cursor out)";

export function decodeCursor(cursor: string, fingerprint: string): CursorKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    parsed = null;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 5 ||
    parsed[0] !== version ||
    !parsed.slice(1).every((p) => typeof p === "string")
  ) {
    throw new AppError("invalid_input", `Invalid query: cursor is malformed: ${startOver}.`);
  }
  const [, issuedFor, sortValue, name, account] = parsed as [number, string, string, string, string];
  if (issuedFor !== fingerprint)
    throw new AppError(
      "invalid_input",
      `Invalid query: cursor is stale: it belongs to another search, filter, sort or account; ${startOver}.`,
    );
  return { sortValue, name, account };
}
