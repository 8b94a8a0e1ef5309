import "server-only";
import type { AwsWrite, WriteStatus, WriteStep } from "@/lib/contracts/write-status";
import { migrate, openDb, type Db } from "@/lib/runtime/db";
import { settlesFrom } from "./write-outcome";

// The record-first log of the console's other writes to AWS: KMS key creation, inventory setup (a
// bucket policy and an inventory configuration), Batch Operations job submission. As with changes
// (change-store.ts), a write is recorded as pending before the call and settled after it; one whose
// answer was lost stays unknown until its writer reads AWS (or, for a job, asks again with its token).

const migrations = [
  `CREATE TABLE aws_writes (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     at TEXT NOT NULL,
     account TEXT NOT NULL,
     kind TEXT NOT NULL,
     target TEXT NOT NULL,
     user TEXT,
     status TEXT NOT NULL CHECK (status IN ('pending', 'applied', 'failed', 'unknown')),
     steps_json TEXT NOT NULL,
     result TEXT,
     request_json TEXT NOT NULL
   );
   CREATE INDEX aws_writes_unsettled ON aws_writes(kind, status) WHERE status IN ('pending', 'unknown');`,
];

function db(): Db {
  const d = openDb();
  migrate(d, "aws-writes", migrations);
  return d;
}

type Row = {
  id: number;
  at: string;
  account: string;
  kind: AwsWrite["kind"];
  target: string;
  user: string | null;
  status: WriteStatus;
  steps_json: string;
  result: string | null;
  request_json: string;
};

/** A write as stored, with what its writer needs to settle it later (internal). */
export type StoredWrite<R = unknown> = AwsWrite & { request: R };

function toWrite<R>(r: Row): StoredWrite<R> {
  return {
    id: r.id,
    at: r.at,
    account: r.account,
    kind: r.kind,
    target: r.target,
    user: r.user,
    status: r.status,
    steps: JSON.parse(r.steps_json) as WriteStep[],
    result: r.result,
    request: JSON.parse(r.request_json) as R,
  };
}

const step = (status: WriteStatus, note: string): WriteStep => ({ at: new Date().toISOString(), status, note });

export function beginWrite<R>(
  w: { account: string; kind: AwsWrite["kind"]; target: string; user: string | null; request: R },
  note: string,
): StoredWrite<R> {
  const { lastInsertRowid } = db()
    .prepare(
      `INSERT INTO aws_writes (at, account, kind, target, user, status, steps_json, request_json)
       VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)`,
    )
    .run(
      new Date().toISOString(),
      w.account,
      w.kind,
      w.target,
      w.user,
      JSON.stringify([step("pending", note)]),
      JSON.stringify(w.request),
    );
  return getWrite<R>(Number(lastInsertRowid))!;
}

/** Moves a write on; applied and failed are final (null then, as for changes). */
export function settleWrite<R>(
  id: number,
  s: { status: Exclude<WriteStatus, "pending">; note: string; result?: string },
): StoredWrite<R> | null {
  const d = db();
  return d.transaction(() => {
    const row = d.prepare("SELECT * FROM aws_writes WHERE id = ?").get(id) as Row | undefined;
    if (!row || !settlesFrom(s.status).includes(row.status)) return null;
    const steps = [...(JSON.parse(row.steps_json) as WriteStep[]), step(s.status, s.note)];
    d.prepare("UPDATE aws_writes SET status = ?, steps_json = ?, result = COALESCE(?, result) WHERE id = ?").run(
      s.status,
      JSON.stringify(steps),
      s.result ?? null,
      id,
    );
    return getWrite<R>(id);
  })();
}

export function getWrite<R>(id: number): StoredWrite<R> | null {
  const row = db().prepare("SELECT * FROM aws_writes WHERE id = ?").get(id) as Row | undefined;
  return row ? toWrite<R>(row) : null;
}

export function unsettledWrites<R>(kind: AwsWrite["kind"], statuses: readonly ("pending" | "unknown")[]) {
  const rows = db()
    .prepare(
      `SELECT * FROM aws_writes WHERE kind = ? AND status IN (${statuses.map(() => "?").join(", ")}) ORDER BY id`,
    )
    .all(kind, ...statuses) as Row[];
  return rows.map((r) => toWrite<R>(r));
}

/** Newest first, for History (the request stays internal). */
export function listWrites(account?: string, limit = 100): AwsWrite[] {
  const rows = (
    account
      ? db().prepare("SELECT * FROM aws_writes WHERE account = ? ORDER BY id DESC LIMIT ?").all(account, limit)
      : db().prepare("SELECT * FROM aws_writes ORDER BY id DESC LIMIT ?").all(limit)
  ) as Row[];
  return rows.map((r) => {
    const { request: _request, ...write } = toWrite(r);
    void _request;
    return write;
  });
}
