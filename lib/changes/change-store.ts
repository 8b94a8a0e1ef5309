import "server-only";
import type { EncryptionConfig } from "@/lib/contracts/encryption-config";
import type { Change } from "@/lib/contracts/encryption";
import type { BucketEncryption } from "@/lib/contracts/inventory";
import { migrate, openDb, type Db } from "@/lib/runtime/db";

// The change history: every apply and rollback, successful or not, with the configuration
// before and after (both as summarized and as raw S3 documents, so rollback restores exactly).

const migrations = [
  `CREATE TABLE changes (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     at TEXT NOT NULL,
     bucket TEXT NOT NULL,
     region TEXT NOT NULL,
     actor TEXT NOT NULL,
     user TEXT,
     kind TEXT NOT NULL CHECK (kind IN ('apply', 'rollback')),
     before_json TEXT NOT NULL,
     after_json TEXT NOT NULL,
     before_raw TEXT,
     after_raw TEXT,
     result TEXT NOT NULL CHECK (result IN ('applied', 'failed')),
     message TEXT,
     rolled_back_by INTEGER REFERENCES changes(id)
   );
   CREATE INDEX changes_bucket ON changes(bucket, id);`,
  // Multi-account: the account the bucket belongs to; NULL for changes made before, all in the console's own account.
  `ALTER TABLE changes ADD COLUMN account TEXT`,
];

function db(): Db {
  const d = openDb();
  migrate(d, "changes", migrations);
  return d;
}

type Row = {
  id: number;
  at: string;
  bucket: string;
  region: string;
  actor: string;
  user: string | null;
  kind: "apply" | "rollback";
  before_json: string;
  after_json: string;
  before_raw: string | null;
  after_raw: string | null;
  result: "applied" | "failed";
  message: string | null;
  rolled_back_by: number | null;
  account: string | null;
};

/** Rows written before the key reference had its own fields lack them: nothing was recorded. */
function storedEncryption(json: string): BucketEncryption {
  const stored = JSON.parse(json) as Partial<BucketEncryption> &
    Omit<BucketEncryption, "kmsKeyReference" | "kmsKeyProblem">;
  return { ...stored, kmsKeyReference: stored.kmsKeyReference ?? null, kmsKeyProblem: stored.kmsKeyProblem ?? null };
}

function toChange(r: Row): Change {
  return {
    id: r.id,
    at: r.at,
    account: r.account,
    bucket: r.bucket,
    region: r.region,
    actor: r.actor,
    user: r.user,
    kind: r.kind,
    before: storedEncryption(r.before_json),
    after: storedEncryption(r.after_json),
    beforeRaw: r.before_raw ? JSON.parse(r.before_raw) : null,
    afterRaw: r.after_raw ? JSON.parse(r.after_raw) : null,
    result: r.result,
    message: r.message,
    rolledBackBy: r.rolled_back_by,
  };
}

type NewChange = {
  account: string;
  bucket: string;
  region: string;
  actor: string;
  user: string | null;
  kind: "apply" | "rollback";
  before: BucketEncryption;
  after: BucketEncryption;
  beforeRaw: EncryptionConfig | null;
  afterRaw: EncryptionConfig | null;
  result: "applied" | "failed";
  message: string | null;
  /** For a rollback: the change it undoes, marked in the same transaction. */
  undoes?: number;
};

export function recordChange(c: NewChange): Change {
  const d = db();
  return d.transaction(() => {
    const { lastInsertRowid } = d
      .prepare(
        `INSERT INTO changes (at, account, bucket, region, actor, user, kind, before_json, after_json, before_raw, after_raw, result, message)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        new Date().toISOString(),
        c.account,
        c.bucket,
        c.region,
        c.actor,
        c.user,
        c.kind,
        JSON.stringify(c.before),
        JSON.stringify(c.after),
        c.beforeRaw ? JSON.stringify(c.beforeRaw) : null,
        c.afterRaw ? JSON.stringify(c.afterRaw) : null,
        c.result,
        c.message,
      );
    if (c.undoes !== undefined && c.result === "applied")
      d.prepare("UPDATE changes SET rolled_back_by = ? WHERE id = ?").run(lastInsertRowid, c.undoes);
    return getChange(Number(lastInsertRowid))!;
  })();
}

export function getChange(id: number): Change | null {
  const row = db().prepare("SELECT * FROM changes WHERE id = ?").get(id) as Row | undefined;
  return row ? toChange(row) : null;
}

/**
 * Newest first. `account` limits the list to one account (`consoleAccount` says whether it is the
 * console's own, which also owns the rows recorded before accounts were recorded); omitted: every account.
 */
export function listChanges({
  bucket,
  account,
  limit = 200,
}: { bucket?: string; account?: { id: string; consoleAccount: boolean }; limit?: number } = {}): Change[] {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (bucket) {
    where.push("bucket = ?");
    args.push(bucket);
  }
  if (account) {
    where.push(account.consoleAccount ? "(account = ? OR account IS NULL)" : "account = ?");
    args.push(account.id);
  }
  const sql = `SELECT * FROM changes ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY id DESC LIMIT ?`;
  return (
    db()
      .prepare(sql)
      .all(...args, limit) as Row[]
  ).map(toChange);
}
