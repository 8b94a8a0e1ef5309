import "server-only";
import type { BucketFilterQuery, BucketListQuery, BucketSortKey } from "@/lib/contracts/bucket-list";
import type { BucketPosture, InventorySummary } from "@/lib/contracts/inventory";
import { decodeCursor, encodeCursor, queryFingerprint } from "./inventory-cursor";
import { inventoryDb, inventoryGeneration } from "./inventory-store";

// Filtering, sorting, searching and paging of the inventory, all in SQL. `accounts` is the
// scope: one account id, or every account of `account=all`.

const sortColumn: Record<BucketSortKey, string> = {
  name: "name",
  region: "s_region",
  type: "s_type",
  bucketKey: "s_bucket_key",
  versioning: "s_versioning",
};

type Where = { sql: string; args: unknown[] };

function whereOf(accounts: readonly string[], f: BucketFilterQuery): Where {
  // Over several accounts the unary + keeps SQLite on the sort's (column, name, account) index
  // instead of the per-account one followed by a sort of every row.
  const account = accounts.length > 1 ? "+account" : "account";
  const clauses = [`${account} IN (${accounts.map(() => "?").join(", ") || "NULL"})`];
  const args: unknown[] = [...accounts];
  const q = f.q?.trim().toLowerCase();
  if (q) {
    clauses.push("instr(search, ?) > 0");
    args.push(q);
  }
  if (f.type) {
    clauses.push("type = ?");
    args.push(f.type);
  }
  if (f.bucketKey) {
    // Bucket Key is an SSE-KMS matter: "on" and "off" both select SSE-KMS buckets only.
    clauses.push("s_bucket_key = ?");
    args.push(f.bucketKey === "on" ? "1" : "0");
  }
  if (f.region) {
    clauses.push("region = ?");
    args.push(f.region);
  }
  if (f.candidate) {
    clauses.push("candidate = ?");
    args.push(Number(f.candidate));
  }
  return { sql: clauses.join(" AND "), args };
}

function orderOf(f: BucketFilterQuery): { column: string; sql: string; after: string } {
  const column = sortColumn[f.sort];
  const dir = f.order === "desc" ? "DESC" : "ASC";
  const sql = column === "name" ? `name ${dir}, account ${dir}` : `${column} ${dir}, name ${dir}, account ${dir}`;
  const cmp = f.order === "desc" ? "<" : ">";
  const after = column === "name" ? `(name, account) ${cmp} (?, ?)` : `(${column}, name, account) ${cmp} (?, ?, ?)`;
  return { column, sql, after };
}

export type PageResult = { buckets: BucketPosture[]; total: number; nextCursor: string | null };

type Rows = { buckets: BucketPosture[]; nextCursor: string | null };

function selectRows(accounts: readonly string[], query: BucketListQuery, where: Where): Rows {
  const fingerprint = queryFingerprint(accounts, query);
  const order = orderOf(query);
  const clauses = [where.sql];
  const args = [...where.args];
  if (query.cursor) {
    const key = decodeCursor(query.cursor, fingerprint);
    clauses.push(order.after);
    args.push(...(order.column === "name" ? [] : [key.sortValue]), key.name, key.account);
  }
  const rows = inventoryDb()
    .prepare(
      `SELECT (SELECT posture_json FROM inventory_postures p WHERE p.account = b.account AND p.name = b.name)
         AS posture_json, ${order.column} AS sort_value
       FROM inventory_buckets b WHERE ${clauses.join(" AND ")} ORDER BY ${order.sql} LIMIT ?`,
    )
    .all(...args, query.limit + 1) as { posture_json: string; sort_value: string }[];
  const buckets = rows.slice(0, query.limit).map((r) => JSON.parse(r.posture_json) as BucketPosture);
  const last = buckets.at(-1);
  const nextCursor =
    rows.length > query.limit && last
      ? encodeCursor(fingerprint, {
          sortValue: rows[query.limit - 1]!.sort_value,
          name: last.name,
          account: last.account,
        })
      : null;
  return { buckets, nextCursor };
}

export function queryPage(accounts: readonly string[], query: BucketListQuery): PageResult {
  const where = whereOf(accounts, query);
  const rows = selectRows(accounts, query, where);
  const { n: total } = inventoryDb()
    .prepare(`SELECT COUNT(*) AS n FROM inventory_buckets WHERE ${where.sql}`)
    .get(...where.args) as { n: number };
  return { ...rows, total };
}

/** Every matching row in order, read in batches: the CSV export streams this. */
export function* iterateMatching(accounts: readonly string[], filters: BucketFilterQuery): Generator<BucketPosture> {
  const where = whereOf(accounts, filters);
  let cursor: string | undefined;
  do {
    const rows = selectRows(accounts, { ...filters, limit: 1000, cursor }, where);
    yield* rows.buckets;
    cursor = rows.nextCursor ?? undefined;
  } while (cursor);
}

// The summary counts the whole scope on every change; between changes it is served from memory.
const summaries = new Map<string, { generation: number; summary: InventorySummary }>();

export function summarize(accounts: readonly string[]): InventorySummary {
  const key = accounts.join(",");
  const hit = summaries.get(key);
  if (hit && hit.generation === inventoryGeneration()) return hit.summary;
  const generation = inventoryGeneration();
  const where = whereOf(accounts, { sort: "name", order: "asc" });
  const d = inventoryDb();
  const counts = d
    .prepare(
      `SELECT type, s_bucket_key AS bk, COUNT(*) AS n, SUM(candidate) AS candidates, SUM(has_error) AS errors,
              SUM(read_at IS NULL) AS not_scanned
       FROM inventory_buckets WHERE ${where.sql} GROUP BY type, s_bucket_key`,
    )
    .all(...where.args) as {
    type: string | null;
    bk: string;
    n: number;
    candidates: number;
    errors: number;
    not_scanned: number;
  }[];
  const regions = d
    // s_region is the region or "~": read from the (account, s_region) index alone.
    .prepare(
      `SELECT DISTINCT s_region AS region FROM inventory_buckets INDEXED BY inventory_region
       WHERE ${where.sql.replace("+account", "account")} AND s_region <> '~' ORDER BY s_region`,
    )
    .all(...where.args) as { region: string }[];
  const byType = { "SSE-S3": 0, "SSE-KMS": 0, "DSSE-KMS": 0, NONE: 0 };
  const sum = { total: 0, withBucketKey: 0, candidates: 0, errors: 0, notScanned: 0 };
  for (const c of counts) {
    if (c.type && c.type in byType) byType[c.type as keyof typeof byType] += c.n;
    if (c.bk === "1") sum.withBucketKey += c.n;
    sum.total += c.n;
    sum.candidates += c.candidates;
    sum.errors += c.errors;
    sum.notScanned += c.not_scanned;
  }
  const kmsBuckets = byType["SSE-KMS"];
  const summary: InventorySummary = {
    ...sum,
    byType,
    kmsBuckets,
    bucketKeyShare: kmsBuckets ? sum.withBucketKey / kmsBuckets : null,
    regions: regions.map((r) => r.region),
  };
  summaries.set(key, { generation, summary });
  return summary;
}

/** Bucket names per account holding one encryption type (e.g. DSSE-KMS, which cannot use a Bucket Key). */
export function bucketsOfType(accounts: readonly string[], type: string): string[] {
  const where = whereOf(accounts, { type: type as BucketFilterQuery["type"], sort: "name", order: "asc" });
  const rows = inventoryDb()
    .prepare(`SELECT name FROM inventory_buckets WHERE ${where.sql}`)
    .all(...where.args) as { name: string }[];
  return rows.map((r) => r.name);
}
