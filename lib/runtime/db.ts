import "server-only";
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { serverEnv } from "@/lib/runtime/env";

// The console's embedded store (better-sqlite3 v12: v13 needs Node 22). One connection per
// copy of this module (Next may load it once per route bundle, see `database`); WAL so readers
// never wait for an ingest, busy_timeout so writers queue. Each domain owns its tables and its
// migrations: it calls `migrate(db, "<domain>", [...])` before first use, so domains never
// edit a shared list.

export type Db = Database.Database;

/**
 * The connection, and the usage writes made through it (lib/usage/store/queries.ts' storeGeneration). A connection per route
 * bundle is safe (WAL, busy_timeout), and the counter must stay beside its own connection, because SQLite's
 * data_version counts the other connections' commits.
 */
export const database: { db?: Db; usageWrites: number } = { usageWrites: 0 };

export function openDb(): Db {
  if (database.db) return database.db;
  const dir = path.resolve(serverEnv().dataDir);
  mkdirSync(dir, { recursive: true });
  const db = new Database(path.join(dir, "console.sqlite"));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  db.exec("CREATE TABLE IF NOT EXISTS schema_versions (domain TEXT PRIMARY KEY, version INTEGER NOT NULL)");
  database.db = db;
  return db;
}

/**
 * Applies the domain's migrations that have not run yet, each in its own transaction.
 * Steps are append-only: never edit one that has shipped, add the next.
 */
export function migrate(database: Db, domain: string, steps: readonly string[]): void {
  const row = database.prepare("SELECT version FROM schema_versions WHERE domain = ?").get(domain) as
    { version: number } | undefined;
  const current = row?.version ?? 0;
  for (let i = current; i < steps.length; i++) {
    database.transaction(() => {
      database.exec(steps[i]!);
      database
        .prepare(
          "INSERT INTO schema_versions (domain, version) VALUES (?, ?) ON CONFLICT(domain) DO UPDATE SET version = excluded.version",
        )
        .run(domain, i + 1);
    })();
  }
}
