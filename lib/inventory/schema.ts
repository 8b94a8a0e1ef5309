import "server-only";

// The inventory store's tables. One row per account × bucket holds the posture as read (JSON)
// beside the columns the queries use: the s_* columns are never null, so keyset paging sees one
// total order and counters group by them. What makes 100,000 rows answer in milliseconds:
// - inventory_counts, kept by triggers in the writing transaction: one row per account × type ×
//   Bucket Key × region × candidate × error × scanned. The summary and every `total` whose
//   filters are counter dimensions read a few dozen rows instead of counting buckets.
// - one covering index per sort key (per account, and across accounts): a page walks its sort
//   order and checks the filters inside the index, touching the table only for the rows it returns.
// - search: key ARNs and aliases repeat over many buckets, so they live once in inventory_keys
//   (a search matches a handful of keys, then their buckets through an index); names are
//   matched through a trigram index (inventory_names, FTS5), whose cost follows the matches.

const filterColumns = "s_type, s_bucket_key, s_region, candidate, key_id";
const sortColumns = ["name", "s_region", "s_type", "s_bucket_key", "s_versioning"] as const;

const sortIndexes = sortColumns
  .map((c) => {
    const key = c === "name" ? "name" : `${c}, name`;
    return `CREATE INDEX inventory_by_${c} ON inventory_buckets(account, ${key}, ${filterColumns});
     CREATE INDEX inventory_all_by_${c} ON inventory_buckets(${key}, account, ${filterColumns});`;
  })
  .join("\n");

const dimensions = ["account", "s_type", "s_bucket_key", "s_region", "candidate", "has_error", "scanned"] as const;
const dims = dimensions.join(", ");
const matchOld = dimensions.map((d) => `${d} = old.${d}`).join(" AND ");
const count = (sign: "+" | "-", row: "new" | "old") =>
  sign === "+"
    ? `INSERT INTO inventory_counts (${dims}, n) VALUES (${dimensions.map((d) => `${row}.${d}`).join(", ")}, 1)
         ON CONFLICT (${dims}) DO UPDATE SET n = n + 1;`
    : `UPDATE inventory_counts SET n = n - 1 WHERE ${matchOld};
       DELETE FROM inventory_counts WHERE ${matchOld} AND n = 0;`;

export const inventoryMigrations = [
  `CREATE TABLE inventory_buckets (
     account TEXT NOT NULL,
     name TEXT NOT NULL,
     key_id INTEGER,
     s_type TEXT NOT NULL,
     s_bucket_key TEXT NOT NULL,
     s_region TEXT NOT NULL,
     s_versioning TEXT NOT NULL,
     candidate INTEGER NOT NULL,
     has_error INTEGER NOT NULL,
     scanned INTEGER NOT NULL,
     read_at TEXT,
     seen_scan INTEGER NOT NULL DEFAULT 0,
     posture_json TEXT NOT NULL,
     UNIQUE (account, name)
   );
   ${sortIndexes}
   CREATE INDEX inventory_by_key ON inventory_buckets(key_id, account, s_type, s_bucket_key, s_region, candidate, s_versioning, name);
   CREATE TABLE inventory_keys (id INTEGER PRIMARY KEY, search TEXT NOT NULL UNIQUE);
   CREATE TABLE inventory_counts (
     ${dimensions.map((d) => `${d} NOT NULL`).join(", ")},
     n INTEGER NOT NULL,
     PRIMARY KEY (${dims})
   ) WITHOUT ROWID;
   CREATE VIRTUAL TABLE inventory_names USING fts5(
     name, content = 'inventory_buckets', content_rowid = 'rowid', tokenize = 'trigram'
   );
   CREATE TRIGGER inventory_added AFTER INSERT ON inventory_buckets BEGIN
     ${count("+", "new")}
     INSERT INTO inventory_names (rowid, name) VALUES (new.rowid, new.name);
   END;
   CREATE TRIGGER inventory_removed AFTER DELETE ON inventory_buckets BEGIN
     ${count("-", "old")}
     INSERT INTO inventory_names (inventory_names, rowid, name) VALUES ('delete', old.rowid, old.name);
   END;
   CREATE TRIGGER inventory_recounted AFTER UPDATE OF ${dims} ON inventory_buckets
     WHEN ${dimensions.map((d) => `old.${d} <> new.${d}`).join(" OR ")} BEGIN
     ${count("-", "old")}
     ${count("+", "new")}
   END;
   CREATE TABLE inventory_accounts (
     key TEXT PRIMARY KEY,
     account TEXT NOT NULL,
     info_json TEXT,
     last_scan_json TEXT,
     scanned_at TEXT
   );
   CREATE TABLE inventory_bucket_events (
     id TEXT PRIMARY KEY,
     account TEXT NOT NULL,
     bucket TEXT NOT NULL,
     region TEXT NOT NULL,
     event TEXT NOT NULL,
     at TEXT NOT NULL,
     principal TEXT NOT NULL,
     source TEXT NOT NULL,
     by_console INTEGER NOT NULL,
     refreshed INTEGER NOT NULL DEFAULT 0
   );
   CREATE INDEX inventory_events_pending ON inventory_bucket_events(refreshed, account);
   CREATE INDEX inventory_events_bucket ON inventory_bucket_events(account, bucket, at);
   CREATE TABLE inventory_event_watermarks (source TEXT PRIMARY KEY, until TEXT NOT NULL);`,
  // What an event set, as its record carries it (History's outside changes); NULL for events noted before.
  `ALTER TABLE inventory_bucket_events ADD COLUMN after_summary TEXT;
   CREATE INDEX inventory_events_outside ON inventory_bucket_events(by_console, at);`,
];
