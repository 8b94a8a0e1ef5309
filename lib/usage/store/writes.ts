import "server-only";
import { database, type Db } from "@/lib/runtime/db";
import type { FileAggregate, SlotRow } from "@/lib/usage/cloudtrail/aggregate";
import { addMinutes } from "./minutes-blob";
import { writeReceipts, type CountedReceipt } from "./receipts";
import { statementsPer, usageDb } from "./schema";
import { decodeRequesters, encodeRequesters, mergeRequesters } from "./slot-blob";

// The write path. One transaction per batch: a batch's aggregate (one file's, or several files of one account
// folded together) and every one of its files' receipts commit together, so a crash before COMMIT leaves
// neither, a rerun skips what has a receipt, and totals are exact after any interruption.

const statements = statementsPer((d: Db) => ({
  addRow: d.prepare(
    `INSERT INTO usage_hourly (bucket, hour, operation, level, key_arn, region, requests, account)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (bucket, hour, operation, level, key_arn)
       DO UPDATE SET requests = requests + excluded.requests, account = excluded.account`,
  ),
  nameId: d.prepare(
    `INSERT INTO usage_principal_names (name) VALUES (?)
     ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id`,
  ),
  addPrincipal: d.prepare("INSERT OR IGNORE INTO usage_principals (bucket, hour, principal_id) VALUES (?, ?, ?)"),
  slotSetOf: d.prepare(
    "SELECT requesters FROM usage_slot_sets WHERE bucket = ? AND hour = ? AND key_arn = ? AND kind = ?",
  ),
  putSlotSet: d.prepare(
    `INSERT OR REPLACE INTO usage_slot_sets (bucket, hour, key_arn, kind, region, requesters)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ),
  minutesOf: d.prepare(
    "SELECT object_minutes AS o, bucket_minutes AS b FROM usage_minutes WHERE bucket = ? AND hour = ? AND key_arn = ?",
  ),
  putMinutes: d.prepare(
    `INSERT OR REPLACE INTO usage_minutes (bucket, hour, key_arn, region, object_minutes, bucket_minutes, account)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ),
}));

type Statements = ReturnType<typeof statements>;

/** Principals, slots and per-minute counts: the parts of an aggregate beyond its hourly rows. */
// Athena's SQL returns hourly rows and principals only: its hours have no slots (the savings model
// uses its labelled hourly estimate there) and no per-minute peaks.
type AggregateDetail = Pick<FileAggregate, "principals"> & Partial<Pick<FileAggregate, "slots" | "minutes">>;

// Principal name → id, so a commit writes ids without looking each name up (a file names the same
// few requesters thousands of times). Dropped whenever a transaction fails: an id inserted by a
// rolled-back transaction does not exist.
const nameIds = new WeakMap<Db, Map<string, number>>();

function nameIdOf(d: Db, s: Statements, name: string): number {
  let ids = nameIds.get(d);
  if (!ids) nameIds.set(d, (ids = new Map()));
  let id = ids.get(name);
  if (id === undefined) {
    id = (s.nameId.get(name) as { id: number }).id;
    ids.set(name, id);
  }
  return id;
}

/** Runs a write transaction; a failure forgets the cached name ids along with the rolled-back rows. */
function writeTransaction(d: Db, body: () => void): void {
  try {
    d.transaction(body)();
  } catch (err) {
    nameIds.delete(d);
    throw err;
  }
}

function addAggregateDetail(d: Db, s: Statements, aggregate: AggregateDetail, account: string): void {
  for (const p of aggregate.principals) s.addPrincipal.run(p.bucket, p.hour, nameIdOf(d, s, p.principal));
  for (const set of groupSlots(aggregate.slots ?? [])) {
    const requesters = set.rows.map((r) => ({
      session: nameIdOf(d, s, r.session),
      role: nameIdOf(d, s, r.role),
      minutesLow: r.minutesLow,
      minutesHigh: r.minutesHigh,
    }));
    const stored = s.slotSetOf.get(set.bucket, set.hour, set.keyArn, set.kind) as { requesters: Buffer } | undefined;
    // A requester's minutes in two files of the same hour are OR-ed, so a minute counts once.
    const blob = encodeRequesters(mergeRequesters(stored ? decodeRequesters(stored.requesters) : [], requesters));
    s.putSlotSet.run(set.bucket, set.hour, set.keyArn, set.kind, set.region, blob);
  }
  for (const m of aggregate.minutes ?? []) {
    const stored = s.minutesOf.get(m.bucket, m.hour, m.keyArn) as { o: Buffer; b: Buffer } | undefined;
    s.putMinutes.run(
      m.bucket,
      m.hour,
      m.keyArn,
      m.region,
      addMinutes(m.objectPerMinute, stored?.o),
      addMinutes(m.bucketPerMinute, stored?.b),
      account,
    );
  }
}

/** A file's slot rows by bucket-hour, key and kind: one stored row each. */
function groupSlots(slots: readonly SlotRow[]): (Omit<SlotRow, "session" | "role" | "minutesLow" | "minutesHigh"> & {
  rows: SlotRow[];
})[] {
  const groups = new Map<string, ReturnType<typeof groupSlots>[number]>();
  for (const r of slots) {
    const id = `${r.bucket} ${r.hour} ${r.keyArn} ${r.kind}`;
    let g = groups.get(id);
    if (!g)
      groups.set(
        id,
        (g = { bucket: r.bucket, hour: r.hour, keyArn: r.keyArn, region: r.region, kind: r.kind, rows: [] }),
      );
    g.rows.push(r);
  }
  return [...groups.values()];
}

/**
 * Adds one aggregate, of one file or of several files of one account folded together, and each
 * file's receipt, in one transaction: all or nothing.
 */
export function commitFiles(aggregate: FileAggregate, receipts: readonly CountedReceipt[]): void {
  const account = receipts[0]?.account;
  if (account === undefined || receipts.some((r) => r.account !== account))
    throw new Error("commitFiles: one or more receipts, all of one account");
  const d = usageDb();
  const s = statements(d);
  const now = new Date().toISOString();
  writeTransaction(d, () => {
    for (const r of aggregate.rows)
      s.addRow.run(r.bucket, r.hour, r.operation, r.level, r.keyArn, r.region, r.requests, account);
    addAggregateDetail(d, s, aggregate, account);
    writeReceipts(d, receipts, now);
  });
  database.usageWrites++;
}

/**
 * Replaces every row of the given accounts in hours [fromHour, toHour) with `aggregate`, written as `account`'s,
 * in one transaction: a source that recomputes a whole window (Athena) can run again without counting twice.
 * Principals are kept per bucket-hour, and bucket names are unique across accounts, so the buckets those
 * accounts had in the window name the principal rows to drop.
 */
export function replaceHours(
  window: { fromHour: number; toHour: number; accounts: readonly string[]; account: string },
  aggregate: Pick<FileAggregate, "rows"> & AggregateDetail,
): void {
  const d = usageDb();
  const s = statements(d);
  const inAccounts = `account IN (${window.accounts.map(() => "?").join(", ")})`;
  const range = [window.fromHour, window.toHour];
  writeTransaction(d, () => {
    d.prepare(
      `DELETE FROM usage_principals WHERE hour >= ? AND hour < ?
       AND bucket IN (SELECT DISTINCT bucket FROM usage_hourly WHERE hour >= ? AND hour < ? AND ${inAccounts})`,
    ).run(...range, ...range, ...window.accounts);
    d.prepare(
      `DELETE FROM usage_slot_sets WHERE hour >= ? AND hour < ?
       AND bucket IN (SELECT DISTINCT bucket FROM usage_hourly WHERE hour >= ? AND hour < ? AND ${inAccounts})`,
    ).run(...range, ...range, ...window.accounts);
    d.prepare(`DELETE FROM usage_minutes WHERE hour >= ? AND hour < ? AND ${inAccounts}`).run(
      ...range,
      ...window.accounts,
    );
    d.prepare(`DELETE FROM usage_hourly WHERE hour >= ? AND hour < ? AND ${inAccounts}`).run(
      ...range,
      ...window.accounts,
    );
    for (const r of aggregate.rows)
      s.addRow.run(r.bucket, r.hour, r.operation, r.level, r.keyArn, r.region, r.requests, window.account);
    addAggregateDetail(d, s, aggregate, window.account);
  });
  database.usageWrites++;
}
