import "server-only";
import type { ReencryptJob, ReencryptRequest } from "@/lib/contracts/objects";
import { migrate, openDb, type Db } from "@/lib/runtime/db";
import type { ListedObject } from "@/lib/objects/head";

// Re-encryption jobs and their objects in SQLite. Each object's outcome is written as soon
// as it is known, so a job killed at any point resumes with exactly the objects not yet done.

const migrations = [
  `CREATE TABLE reencrypt_jobs (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     bucket TEXT NOT NULL, region TEXT NOT NULL, key_arn TEXT NOT NULL,
     state TEXT NOT NULL, method TEXT, method_reason TEXT, versioned INTEGER NOT NULL,
     options_json TEXT NOT NULL, created_at TEXT NOT NULL, finished_at TEXT
   );
   CREATE TABLE reencrypt_objects (
     job_id INTEGER NOT NULL REFERENCES reencrypt_jobs(id),
     key TEXT NOT NULL, etag TEXT NOT NULL, size INTEGER NOT NULL,
     status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'skipped', 'failed')),
     reason TEXT,
     PRIMARY KEY (job_id, key)
   );`,
  `CREATE INDEX reencrypt_objects_pending ON reencrypt_objects(job_id, status, key);`,
  // Multi-account: a job resumes in its bucket's account. NULL: the console's own (jobs from before).
  `ALTER TABLE reencrypt_jobs ADD COLUMN account TEXT`,
  // Why a job is in its state when the console put it there itself (paused at start-up in read-only mode).
  `ALTER TABLE reencrypt_jobs ADD COLUMN state_reason TEXT`,
];

function db(): Db {
  const d = openDb();
  migrate(d, "reencrypt", migrations);
  return d;
}

type JobRow = {
  id: number;
  bucket: string;
  region: string;
  key_arn: string;
  state: ReencryptJob["state"];
  method: ReencryptJob["method"];
  method_reason: string | null;
  versioned: number;
  options_json: string;
  created_at: string;
  finished_at: string | null;
  account: string | null;
  state_reason: string | null;
};

export function createJob(
  account: string,
  bucket: string,
  region: string,
  keyArn: string,
  versioned: boolean,
  options: ReencryptRequest,
  objects: ListedObject[],
): number {
  const d = db();
  return d.transaction(() => {
    const { lastInsertRowid } = d
      .prepare(
        "INSERT INTO reencrypt_jobs (account, bucket, region, key_arn, state, versioned, options_json, created_at) VALUES (?, ?, ?, ?, 'running', ?, ?, ?)",
      )
      .run(account, bucket, region, keyArn, versioned ? 1 : 0, JSON.stringify(options), new Date().toISOString());
    const insert = d.prepare("INSERT INTO reencrypt_objects (job_id, key, etag, size) VALUES (?, ?, ?, ?)");
    for (const o of objects) insert.run(lastInsertRowid, o.key, o.etag, o.size);
    return Number(lastInsertRowid);
  })();
}

export function getJob(id: number): ReencryptJob | null {
  const d = db();
  const row = d.prepare("SELECT * FROM reencrypt_jobs WHERE id = ?").get(id) as JobRow | undefined;
  if (!row) return null;
  const counts = d
    .prepare("SELECT status, COUNT(*) n, SUM(size) bytes FROM reencrypt_objects WHERE job_id = ? GROUP BY status")
    .all(id) as { status: string; n: number; bytes: number }[];
  const count = (s: string) => counts.find((c) => c.status === s)?.n ?? 0;
  const listOf = (status: string) =>
    d
      .prepare("SELECT key, reason FROM reencrypt_objects WHERE job_id = ? AND status = ? ORDER BY key LIMIT 200")
      .all(id, status) as { key: string; reason: string }[];
  return {
    id: row.id,
    account: row.account,
    bucket: row.bucket,
    region: row.region,
    keyArn: row.key_arn,
    state: row.state,
    stateReason: row.state_reason,
    method: row.method,
    methodReason: row.method_reason,
    versioned: row.versioned === 1,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    options: JSON.parse(row.options_json) as ReencryptRequest,
    total: counts.reduce((a, c) => a + c.n, 0),
    done: count("done"),
    skipped: count("skipped"),
    failed: count("failed"),
    bytesDone: counts.find((c) => c.status === "done")?.bytes ?? 0,
    failures: listOf("failed"),
    skips: listOf("skipped"),
  };
}

/** Just the state: workers read it between objects, so it must not cost a full getJob(). */
export function jobState(id: number): ReencryptJob["state"] | null {
  const row = db().prepare("SELECT state FROM reencrypt_jobs WHERE id = ?").get(id) as
    { state: ReencryptJob["state"] } | undefined;
  return row?.state ?? null;
}

export function listJobs(bucket?: string): ReencryptJob[] {
  const ids = (
    bucket
      ? db().prepare("SELECT id FROM reencrypt_jobs WHERE bucket = ? ORDER BY id DESC LIMIT 50").all(bucket)
      : db().prepare("SELECT id FROM reencrypt_jobs ORDER BY id DESC LIMIT 50").all()
  ) as { id: number }[];
  return ids.map((r) => getJob(r.id)!);
}

export function pendingObjects(jobId: number, limit: number): ListedObject[] {
  return db()
    .prepare(
      "SELECT key, etag, size FROM reencrypt_objects WHERE job_id = ? AND status = 'pending' ORDER BY key LIMIT ?",
    )
    .all(jobId, limit) as ListedObject[];
}

export function markObject(
  jobId: number,
  key: string,
  status: "done" | "skipped" | "failed",
  reason: string | null,
): void {
  db()
    .prepare("UPDATE reencrypt_objects SET status = ?, reason = ? WHERE job_id = ? AND key = ?")
    .run(status, reason, jobId, key);
}

/** `reason`: why the console itself put the job in this state (null when a person did). */
export function setJobState(jobId: number, state: ReencryptJob["state"], reason: string | null = null): void {
  db()
    .prepare(
      "UPDATE reencrypt_jobs SET state = ?, state_reason = ?, finished_at = CASE WHEN ? IN ('done', 'cancelled') THEN ? ELSE NULL END WHERE id = ?",
    )
    .run(state, reason, state, new Date().toISOString(), jobId);
}

export function setJobMethod(jobId: number, method: NonNullable<ReencryptJob["method"]>, reason: string): void {
  db().prepare("UPDATE reencrypt_jobs SET method = ?, method_reason = ? WHERE id = ?").run(method, reason, jobId);
}

export function requeueFailed(jobId: number): number {
  return db()
    .prepare("UPDATE reencrypt_objects SET status = 'pending', reason = NULL WHERE job_id = ? AND status = 'failed'")
    .run(jobId).changes;
}

export function runningJobIds(): number[] {
  return (db().prepare("SELECT id FROM reencrypt_jobs WHERE state = 'running'").all() as { id: number }[]).map(
    (r) => r.id,
  );
}
