import "server-only";
import type { BucketFilterQuery, BucketListQuery, BucketSortKey } from "@/lib/contracts/bucket-list";
import type { BucketPosture, InventorySummary } from "@/lib/contracts/inventory";
import { decodeCursor, encodeCursor, queryFingerprint } from "./cursor";
import { bucketCounts, inventoryDb } from "./store";
import { countNameMatches, matchClause, searchFor, type Search } from "./search";

// Filtering, sorting, searching and paging of the inventory, all in SQL over the indexes and
// counters of inventory-schema.ts. `accounts` is the scope: one account id, or every account of
// `account=all`. A page either walks its sort index (filters are checked inside the index, so
// it stops after `limit` matches) or, for a search with few matches, sorts just those matches.

const sortColumn: Record<BucketSortKey, string> = {
  name: "name",
  region: "s_region",
  type: "s_type",
  bucketKey: "s_bucket_key",
  versioning: "s_versioning",
};

type Where = { sql: string; args: unknown[] };

const and = (...parts: Where[]): Where => ({
  sql: parts.map((p) => p.sql).join(" AND "),
  args: parts.flatMap((p) => p.args),
});

// `+account` keeps SQLite off the account's indexes, where the search's match set (a few rowids
// and key ids, see matchClause) is the cheaper way in.
const scopeOf = (accounts: readonly string[], search: Search | null = null): Where => ({
  sql: `${search && search.nameRows !== "check each" ? "+" : ""}account IN (${accounts.map(() => "?").join(", ") || "NULL"})`,
  args: [...accounts],
});

/** The filters other than the search: all of them are counter dimensions (inventory_counts). */
function filtersOf(f: BucketFilterQuery): Where {
  const clauses = ["1"];
  const args: unknown[] = [];
  const add = (sql: string, value: unknown) => (clauses.push(sql), args.push(value));
  if (f.type) add("s_type = ?", f.type);
  // Bucket Key is an SSE-KMS matter: "on" and "off" both select SSE-KMS buckets only.
  if (f.bucketKey) add("s_bucket_key = ?", f.bucketKey === "on" ? "1" : "0");
  if (f.region) add("s_region = ?", f.region);
  if (f.candidate) add("candidate = ?", Number(f.candidate));
  return { sql: clauses.join(" AND "), args };
}

function orderOf(f: BucketFilterQuery) {
  const column = sortColumn[f.sort];
  const dir = f.order === "desc" ? "DESC" : "ASC";
  const keys = column === "name" ? ["name", "account"] : [column, "name", "account"];
  const cmp = f.order === "desc" ? "<" : ">";
  return {
    column,
    /** Walks the sort index; `sorted` instead sorts the rows found (unary + keeps SQLite off the index). */
    walk: keys.map((k) => `${k} ${dir}`).join(", "),
    sorted: keys.map((k) => `+${k} ${dir}`).join(", "),
    after: `(${keys.join(", ")}) ${cmp} (${keys.map(() => "?").join(", ")})`,
  };
}

type PageResult = { buckets: BucketPosture[]; total: number; nextCursor: string | null };

type Rows = { buckets: BucketPosture[]; nextCursor: string | null };

// Above this many matches a search walks the sort index like an unsearched page (matches are
// dense enough to fill a page soon); below, sorting the matches is cheaper than walking past the rest.
const sortMatchesUpTo = 5_000;

function selectRows(accounts: readonly string[], query: BucketListQuery, search: Search | null, total: number): Rows {
  const fingerprint = queryFingerprint(accounts, query);
  const order = orderOf(query);
  const parts = [scopeOf(accounts, search), filtersOf(query)];
  if (search) parts.push(matchClause(search));
  if (query.cursor) {
    const key = decodeCursor(query.cursor, fingerprint);
    parts.push({
      sql: order.after,
      args: [...(order.column === "name" ? [] : [key.sortValue]), key.name, key.account],
    });
  }
  const where = and(...parts);
  const walk = !search || total > sortMatchesUpTo;
  const index = `inventory_${accounts.length > 1 ? "all_" : ""}by_${order.column}`;
  const d = inventoryDb();
  const rows = d
    .prepare(
      `SELECT rowid AS id, ${order.column} AS sort_value FROM inventory_buckets ${walk ? `INDEXED BY ${index}` : ""}
       WHERE ${where.sql} ORDER BY ${walk ? order.walk : order.sorted} LIMIT ?`,
    )
    .all(...where.args, query.limit + 1) as { id: number; sort_value: string }[];
  const posture = d.prepare("SELECT posture_json FROM inventory_buckets WHERE rowid = ?").pluck();
  const buckets = rows.slice(0, query.limit).map((r) => JSON.parse(posture.get(r.id) as string) as BucketPosture);
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

/** How many buckets match: from the counters, unless a search needs the matches counted. */
function countMatching(accounts: readonly string[], f: BucketFilterQuery, search: Search | null): number {
  if (search && !f.type && !f.bucketKey && !f.region && !f.candidate && coversStore(accounts)) {
    const names = countNameMatches(search);
    if (names !== null) return names;
  }
  const where = and(scopeOf(accounts, search), filtersOf(f), ...(search ? [matchClause(search)] : []));
  const table = search ? "inventory_buckets" : "inventory_counts";
  const sql = `SELECT ${search ? "COUNT(*)" : "COALESCE(SUM(n), 0)"} FROM ${table} WHERE ${where.sql}`;
  return inventoryDb()
    .prepare(sql)
    .pluck()
    .get(...where.args) as number;
}

/** Whether the scope holds every account in the store (a single-account console's always does). */
const coversStore = (accounts: readonly string[]) => [...bucketCounts().keys()].every((a) => accounts.includes(a));

export function queryPage(accounts: readonly string[], query: BucketListQuery): PageResult {
  const search = searchFor(query.q);
  const total = countMatching(accounts, query, search);
  return { ...selectRows(accounts, query, search, total), total };
}

/** Every matching row in order, read in batches: the CSV export streams this. */
export function* iterateMatching(accounts: readonly string[], filters: BucketFilterQuery): Generator<BucketPosture> {
  const search = searchFor(filters.q);
  const total = countMatching(accounts, filters, search);
  let cursor: string | undefined;
  do {
    const rows = selectRows(accounts, { ...filters, limit: 1000, cursor }, search, total);
    yield* rows.buckets;
    cursor = rows.nextCursor ?? undefined;
  } while (cursor);
}

type CountRow = {
  type: string;
  bk: string;
  region: string;
  n: number;
  candidates: number;
  errors: number;
  unread: number;
};

/** The scope's figures, from the counters (a few dozen rows, whatever the number of buckets). */
export function summarize(accounts: readonly string[]): InventorySummary {
  const scope = scopeOf(accounts);
  const counts = inventoryDb()
    .prepare(
      `SELECT s_type AS type, s_bucket_key AS bk, s_region AS region, SUM(n) AS n, SUM(candidate * n) AS candidates,
              SUM(has_error * n) AS errors, SUM((1 - scanned) * n) AS unread
       FROM inventory_counts WHERE ${scope.sql} GROUP BY s_type, s_bucket_key, s_region`,
    )
    .all(...scope.args) as CountRow[];
  const byType = { "SSE-S3": 0, "SSE-KMS": 0, "DSSE-KMS": 0, NONE: 0 };
  const sum = { total: 0, withBucketKey: 0, candidates: 0, errors: 0, notScanned: 0 };
  const regions = new Set<string>();
  for (const c of counts) {
    if (c.type in byType) byType[c.type as keyof typeof byType] += c.n;
    if (c.bk === "1") sum.withBucketKey += c.n;
    if (c.region !== "~") regions.add(c.region);
    sum.total += c.n;
    sum.candidates += c.candidates;
    sum.errors += c.errors;
    sum.notScanned += c.unread;
  }
  const kmsBuckets = byType["SSE-KMS"];
  return {
    ...sum,
    byType,
    kmsBuckets,
    bucketKeyShare: kmsBuckets ? sum.withBucketKey / kmsBuckets : null,
    regions: [...regions].sort(),
  };
}

/** Bucket names per account holding one encryption type (e.g. DSSE-KMS, which cannot use a Bucket Key). */
export function bucketsOfType(accounts: readonly string[], type: string): string[] {
  const where = and(scopeOf(accounts), { sql: "s_type = ?", args: [type] });
  return inventoryDb()
    .prepare(`SELECT name FROM inventory_buckets WHERE ${where.sql}`)
    .pluck()
    .all(...where.args) as string[];
}
