import "server-only";
import { migrate, openDb } from "@/lib/runtime/db";
import type { UsageAggregate } from "@/lib/usage/athena/results";
import { replaceHours } from "./writes";

// Every Athena query the console ran for usage, next to the data it produced: the query id
// (to find it in the Athena console), the bytes it scanned and what that cost. A refresh's
// rows and its record commit in one transaction, so the store never holds data without
// the query that produced it.

const migrations = [
  `CREATE TABLE usage_athena_queries (
     query_id TEXT PRIMARY KEY,
     account TEXT NOT NULL,
     purpose TEXT NOT NULL CHECK (purpose IN ('refresh', 'create-table')),
     state TEXT NOT NULL,
     from_hour INTEGER,
     to_hour INTEGER,
     data_scanned_bytes INTEGER NOT NULL,
     cost_usd REAL NOT NULL,
     requests INTEGER NOT NULL,
     reason TEXT,
     finished_at TEXT NOT NULL
   );
   CREATE INDEX usage_athena_queries_account ON usage_athena_queries(account, finished_at);`,
];

function athenaDb() {
  const d = openDb();
  migrate(d, "usage-athena", migrations);
  return d;
}

export type AthenaQueryRecord = {
  queryId: string;
  account: string;
  purpose: "refresh" | "create-table";
  state: string;
  fromHour: number | null;
  toHour: number | null;
  dataScannedBytes: number;
  costUsd: number;
  requests: number;
  reason: string | null;
  finishedAt: string;
};

function insert(r: AthenaQueryRecord): void {
  athenaDb()
    .prepare(
      `INSERT INTO usage_athena_queries (query_id, account, purpose, state, from_hour, to_hour, data_scanned_bytes,
         cost_usd, requests, reason, finished_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (query_id) DO UPDATE SET state = excluded.state, data_scanned_bytes = excluded.data_scanned_bytes,
         cost_usd = excluded.cost_usd, requests = excluded.requests, reason = excluded.reason,
         finished_at = excluded.finished_at`,
    )
    .run(
      r.queryId,
      r.account,
      r.purpose,
      r.state,
      r.fromHour,
      r.toHour,
      r.dataScannedBytes,
      r.costUsd,
      r.requests,
      r.reason,
      r.finishedAt,
    );
}

/**
 * A successful refresh: its window's rows replace what the store held for those hours and
 * accounts (`replaces`: the account, plus '' for the console's own rows from before accounts).
 */
export function commitAthenaRefresh(
  record: AthenaQueryRecord & { fromHour: number; toHour: number },
  replaces: readonly string[],
  aggregate: UsageAggregate,
): void {
  const d = athenaDb();
  d.transaction(() => {
    replaceHours(
      { fromHour: record.fromHour, toHour: record.toHour, accounts: replaces, account: record.account },
      aggregate,
    );
    insert(record);
  })();
}

/** A table creation, or a refresh that failed (nothing in the usage store changes). */
export function recordAthenaQuery(record: AthenaQueryRecord): void {
  insert(record);
}

const columns = `query_id AS queryId, account, purpose, state, from_hour AS fromHour, to_hour AS toHour,
  data_scanned_bytes AS dataScannedBytes, cost_usd AS costUsd, requests, reason, finished_at AS finishedAt`;

/** The account's latest Athena queries, newest first. */
export function athenaQueries(account: string, limit = 10): AthenaQueryRecord[] {
  return athenaDb()
    .prepare(
      `SELECT ${columns} FROM usage_athena_queries WHERE account = ? ORDER BY finished_at DESC, rowid DESC LIMIT ?`,
    )
    .all(account, limit) as AthenaQueryRecord[];
}

/** The account's last successful refresh, where the next one starts from. */
export function lastAthenaRefresh(account: string): AthenaQueryRecord | undefined {
  return athenaDb()
    .prepare(
      `SELECT ${columns} FROM usage_athena_queries WHERE account = ? AND purpose = 'refresh' AND ` +
        `state = 'SUCCEEDED' ORDER BY finished_at DESC, rowid DESC LIMIT 1`,
    )
    .get(account) as AthenaQueryRecord | undefined;
}
