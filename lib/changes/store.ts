import "server-only";
import type { EncryptionConfig } from "@/lib/contracts/encryption-config";
import type { Change } from "@/lib/contracts/encryption";
import type { BucketEncryption } from "@/lib/contracts/inventory";
import type { WriteStatus, WriteStep } from "@/lib/contracts/write-status";
import { migrate, openDb, type Db } from "@/lib/runtime/db";
import { settlesFrom } from "./write-outcome";

// The change history: every apply and rollback, whatever S3 answered, with the configuration
// before and after (both as summarized and as raw S3 documents, so rollback restores exactly).
// A change is written as pending before PutBucketEncryption is sent and settled after it, so a
// crash or a lost answer leaves a record that lib/encryption/reconcile.ts settles by reading the bucket.

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
  // Record first: a status that can be pending or unknown (result stays for settled rows only), what happened, and
  // the change a rollback undoes (marked when the rollback settles, possibly after a restart). SQLite cannot alter a
  // CHECK, so the table is rebuilt; the rename first keeps rolled_back_by pointing at the new table.
  `ALTER TABLE changes RENAME TO changes_before_status;
   CREATE TABLE changes (
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
     result TEXT CHECK (result IN ('applied', 'failed')),
     message TEXT,
     rolled_back_by INTEGER REFERENCES changes(id),
     account TEXT,
     status TEXT NOT NULL CHECK (status IN ('pending', 'applied', 'failed', 'unknown')),
     steps_json TEXT NOT NULL DEFAULT '[]',
     undoes INTEGER
   );
   INSERT INTO changes (id, at, bucket, region, actor, user, kind, before_json, after_json, before_raw, after_raw,
     result, message, rolled_back_by, account, status)
     SELECT id, at, bucket, region, actor, user, kind, before_json, after_json, before_raw, after_raw,
       result, message, rolled_back_by, account, result FROM changes_before_status;
   DROP TABLE changes_before_status;
   CREATE INDEX changes_bucket ON changes(bucket, id);
   CREATE INDEX changes_unsettled ON changes(status) WHERE status IN ('pending', 'unknown');`,
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
  result: "applied" | "failed" | null;
  message: string | null;
  rolled_back_by: number | null;
  account: string | null;
  status: WriteStatus;
  steps_json: string;
  undoes: number | null;
};

/** Rows written before the key reference had its own fields lack them: nothing was recorded. */
function storedEncryption(json: string): BucketEncryption {
  const stored = JSON.parse(json) as Partial<BucketEncryption> &
    Omit<BucketEncryption, "kmsKeyReference" | "kmsKeyProblem">;
  return { ...stored, kmsKeyReference: stored.kmsKeyReference ?? null, kmsKeyProblem: stored.kmsKeyProblem ?? null };
}

/** A change as stored, with the change a rollback undoes (internal: the API does not carry it). */
export type StoredChange = Change & { undoes: number | null };

function toChange(r: Row): StoredChange {
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
    status: r.status,
    steps: JSON.parse(r.steps_json) as WriteStep[],
    message: r.message,
    rolledBackBy: r.rolled_back_by,
    undoes: r.undoes,
  };
}

/** The API's shape: everything but the internal link. */
export function publicChange(stored: StoredChange): Change {
  const change: Change & { undoes?: number | null } = { ...stored };
  delete change.undoes;
  return change;
}

type NewChange = {
  account: string;
  bucket: string;
  region: string;
  actor: string;
  user: string | null;
  kind: "apply" | "rollback";
  before: BucketEncryption;
  /** What is about to be put (replaced by the read-back once applied). */
  after: BucketEncryption;
  beforeRaw: EncryptionConfig | null;
  afterRaw: EncryptionConfig | null;
  /** For a rollback: the change it undoes, marked when the rollback settles as applied. */
  undoes?: number;
};

const step = (status: WriteStatus, note: string): WriteStep => ({ at: new Date().toISOString(), status, note });

/** Records the change as pending: called before the write is sent, so no outcome can go unrecorded. */
export function beginChange(c: NewChange, note: string): StoredChange {
  const { lastInsertRowid } = db()
    .prepare(
      `INSERT INTO changes (at, account, bucket, region, actor, user, kind, before_json, after_json, before_raw,
         after_raw, status, steps_json, undoes)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
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
      JSON.stringify([step("pending", note)]),
      c.undoes ?? null,
    );
  return getChange(Number(lastInsertRowid))!;
}

type Settlement = {
  status: Exclude<WriteStatus, "pending">;
  note: string;
  /** The read-back's encryption (applied changes). */
  after?: BucketEncryption;
  /** The sentence the API and History show beside the status; kept when omitted. */
  message?: string | null;
};

/**
 * Moves a change on (pending → applied/failed/unknown, unknown → applied/failed/unknown) and
 * notes what happened. A change already applied or failed stays so: null then, so a late
 * reconciliation never overwrites what the request itself settled.
 */
export function settleChange(id: number, s: Settlement): StoredChange | null {
  const d = db();
  return d.transaction(() => {
    const row = d.prepare("SELECT * FROM changes WHERE id = ?").get(id) as Row | undefined;
    if (!row || !settlesFrom(s.status).includes(row.status)) return null;
    const steps = [...(JSON.parse(row.steps_json) as WriteStep[]), step(s.status, s.note)];
    const result = s.status === "applied" || s.status === "failed" ? s.status : null;
    d.prepare(
      `UPDATE changes SET status = ?, result = ?, steps_json = ?, after_json = COALESCE(?, after_json),
         message = CASE WHEN ? THEN ? ELSE message END WHERE id = ?`,
    ).run(
      s.status,
      result,
      JSON.stringify(steps),
      s.after ? JSON.stringify(s.after) : null,
      Number(s.message !== undefined),
      s.message ?? null,
      id,
    );
    if (row.undoes !== null && s.status === "applied")
      d.prepare("UPDATE changes SET rolled_back_by = ? WHERE id = ?").run(id, row.undoes);
    return getChange(id);
  })();
}

export function getChange(id: number): StoredChange | null {
  const row = db().prepare("SELECT * FROM changes WHERE id = ?").get(id) as Row | undefined;
  return row ? toChange(row) : null;
}

/** Changes whose outcome is not known yet, oldest first (pending ones only matter after a crash). */
export function unsettledChanges(statuses: readonly ("pending" | "unknown")[]): StoredChange[] {
  const rows = db()
    .prepare(`SELECT * FROM changes WHERE status IN (${statuses.map(() => "?").join(", ")}) ORDER BY id`)
    .all(...statuses) as Row[];
  return rows.map(toChange);
}

/** What the next change of the same bucket found in place (it read it before its own put); undefined: none yet. */
export function nextBefore(change: Change): EncryptionConfig | null | undefined {
  const row = db()
    .prepare("SELECT before_raw FROM changes WHERE bucket = ? AND account IS ? AND id > ? ORDER BY id LIMIT 1")
    .get(change.bucket, change.account, change.id) as { before_raw: string | null } | undefined;
  if (!row) return undefined;
  return row.before_raw ? (JSON.parse(row.before_raw) as EncryptionConfig) : null;
}

/**
 * Newest first. `account` limits the list to one account (`consoleAccount` says whether it is the
 * console's own, which also owns the rows recorded before accounts were recorded); omitted: every account.
 */
export function listChanges({
  bucket,
  account,
  limit = 200,
  among,
}: {
  bucket?: string;
  account?: { id: string; consoleAccount: boolean };
  /** Only these accounts' changes (`account=all`: the configured ones); rows without an account are the console's. */
  among?: readonly string[];
  limit?: number;
} = {}): Change[] {
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
  if (among) {
    where.push(`(account IN (${among.map(() => "?").join(", ")}) OR account IS NULL)`);
    args.push(...among);
  }
  const sql = `SELECT * FROM changes ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY id DESC LIMIT ?`;
  return (
    db()
      .prepare(sql)
      .all(...args, limit) as Row[]
  ).map((r) => publicChange(toChange(r)));
}
