import "server-only";
import type { Db } from "@/lib/runtime/db";
import { statementsPer, usageDb } from "./schema";

// Which CloudTrail files were read (key and ETag, so a file is read once per ETag) and which failed, with why.
// A receipt is written in the transaction that adds its file's aggregates (writes.ts): a crash before COMMIT
// leaves neither, and a rerun skips exactly what has a receipt.

/** `account`: the account whose trail or event history the file came from. */
export type FileReceipt = { key: string; etag: string; source: string; account: string };

/** A file's receipt with what it counted. */
export type CountedReceipt = FileReceipt & { events: number; ignored: number };

const statements = statementsPer((d: Db) => ({
  receipt: d.prepare(
    `INSERT INTO usage_ingested_files (key, etag, source, events, ignored, ingested_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, events = excluded.events, ignored = excluded.ignored,
       ingested_at = excluded.ingested_at`,
  ),
  clearError: d.prepare("DELETE FROM usage_ingest_errors WHERE key = ?"),
  error: d.prepare(
    "INSERT INTO usage_ingest_errors (key, etag, reason, at) VALUES (?, ?, ?, ?) ON CONFLICT " +
      "(key) DO UPDATE SET etag = excluded.etag, reason = excluded.reason, at = excluded.at",
  ),
}));

/** Records the files as read (and clears their earlier errors); runs inside the caller's transaction. */
export function writeReceipts(d: Db, receipts: readonly CountedReceipt[], at: string): void {
  const s = statements(d);
  for (const r of receipts) {
    s.receipt.run(r.key, r.etag, r.source, r.events, r.ignored, at);
    s.clearError.run(r.key);
  }
}

export function recordIngestError(key: string, etag: string | null, reason: string): void {
  const d = usageDb();
  statements(d).error.run(key, etag, reason, new Date().toISOString());
}

/** key → ETag of every file already ingested. */
export function ingestedFiles(): Map<string, string> {
  const rows = usageDb().prepare("SELECT key, etag FROM usage_ingested_files").all() as { key: string; etag: string }[];
  return new Map(rows.map((r) => [r.key, r.etag]));
}

export function ingestErrors(): { file: string; reason: string }[] {
  return (
    usageDb().prepare("SELECT key, reason FROM usage_ingest_errors ORDER BY key").all() as {
      key: string;
      reason: string;
    }[]
  ).map((r) => ({ file: r.key, reason: r.reason }));
}
