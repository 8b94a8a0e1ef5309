import "server-only";
import type { ServerSideEncryptionConfiguration } from "@aws-sdk/client-s3";
import type { Change } from "@/lib/api/schemas/encryption";
import type { BucketEncryption } from "@/lib/api/schemas/inventory";
import { migrate, openDb, type Db } from "@/lib/db";

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
};

function toChange(r: Row): Change {
  return {
    id: r.id,
    at: r.at,
    bucket: r.bucket,
    region: r.region,
    actor: r.actor,
    user: r.user,
    kind: r.kind,
    before: JSON.parse(r.before_json) as BucketEncryption,
    after: JSON.parse(r.after_json) as BucketEncryption,
    beforeRaw: r.before_raw ? JSON.parse(r.before_raw) : null,
    afterRaw: r.after_raw ? JSON.parse(r.after_raw) : null,
    result: r.result,
    message: r.message,
    rolledBackBy: r.rolled_back_by,
  };
}

export type NewChange = {
  bucket: string;
  region: string;
  actor: string;
  user: string | null;
  kind: "apply" | "rollback";
  before: BucketEncryption;
  after: BucketEncryption;
  beforeRaw: ServerSideEncryptionConfiguration | null;
  afterRaw: ServerSideEncryptionConfiguration | null;
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
        `INSERT INTO changes (at, bucket, region, actor, user, kind, before_json, after_json, before_raw, after_raw, result, message)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(new Date().toISOString(), c.bucket, c.region, c.actor, c.user, c.kind, JSON.stringify(c.before), JSON.stringify(c.after), c.beforeRaw ? JSON.stringify(c.beforeRaw) : null, c.afterRaw ? JSON.stringify(c.afterRaw) : null, c.result, c.message);
    if (c.undoes !== undefined && c.result === "applied") d.prepare("UPDATE changes SET rolled_back_by = ? WHERE id = ?").run(lastInsertRowid, c.undoes);
    return getChange(Number(lastInsertRowid))!;
  })();
}

export function getChange(id: number): Change | null {
  const row = db().prepare("SELECT * FROM changes WHERE id = ?").get(id) as Row | undefined;
  return row ? toChange(row) : null;
}

export function listChanges({ bucket, limit = 200 }: { bucket?: string; limit?: number } = {}): Change[] {
  const rows = bucket
    ? (db().prepare("SELECT * FROM changes WHERE bucket = ? ORDER BY id DESC LIMIT ?").all(bucket, limit) as Row[])
    : (db().prepare("SELECT * FROM changes ORDER BY id DESC LIMIT ?").all(limit) as Row[]);
  return rows.map(toChange);
}
