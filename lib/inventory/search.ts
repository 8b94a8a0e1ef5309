import "server-only";
import { inventoryDb } from "./store";

// The inventory's search (q: a substring of the bucket name, key ARN or key alias). Keys are few
// and shared by many buckets: the matching ones are found in inventory_keys, their buckets through
// the key index. Names go through the trigram index when the substring is rare there; a common
// one (or one under 3 characters, shorter than a trigram) is checked row by row inside the
// covering sort index instead, which then fills a page within a few rows.

export type Search = { q: string; keyIds: number[]; nameRows: number[] | "check each" };

const nameRowsUpTo = 5_000;
// Bucket names hold lower-case letters, digits, dots and hyphens only.
const couldBeInName = (q: string) => /^[a-z0-9.-]+$/.test(q);

export function searchFor(raw: string | undefined): Search | null {
  const q = raw?.trim().toLowerCase();
  if (!q) return null;
  const d = inventoryDb();
  const keyIds = d.prepare("SELECT id FROM inventory_keys WHERE instr(search, ?) > 0").pluck().all(q) as number[];
  if (!couldBeInName(q)) return { q, keyIds, nameRows: [] };
  if (q.length < 3) return { q, keyIds, nameRows: "check each" };
  const rows = d
    .prepare("SELECT rowid FROM inventory_names WHERE inventory_names MATCH ? LIMIT ?")
    .pluck()
    .all(`"${q}"`, nameRowsUpTo + 1) as number[];
  return { q, keyIds, nameRows: rows.length > nameRowsUpTo ? "check each" : rows };
}

/** The WHERE clause selecting the search's matches. */
export function matchClause(s: Search): { sql: string; args: unknown[] } {
  const keys = "key_id IN (SELECT value FROM json_each(?))";
  if (s.nameRows === "check each")
    return { sql: `(instr(name, ?) > 0 OR ${keys})`, args: [s.q, JSON.stringify(s.keyIds)] };
  return {
    sql: `(rowid IN (SELECT value FROM json_each(?)) OR ${keys})`,
    args: [JSON.stringify(s.nameRows), JSON.stringify(s.keyIds)],
  };
}

/**
 * Over the whole store and unfiltered, a search that matches no key counts its name matches in
 * the trigram index alone (its cost follows the matches, not the buckets); null when it cannot.
 */
export function countNameMatches(s: Search): number | null {
  if (s.keyIds.length || s.nameRows !== "check each" || s.q.length < 3) return null;
  return inventoryDb()
    .prepare("SELECT COUNT(*) FROM inventory_names WHERE inventory_names MATCH ?")
    .pluck()
    .get(`"${s.q}"`) as number;
}
