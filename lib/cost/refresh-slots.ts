// Refresh-window slots (pure): the KMS calls a Bucket Key would make. S3 fetches a bucket-level
// key for a requester, KMS key and kind of call (encrypt side, decrypt side) and reuses it for a
// time-limited window; the model counts, per bucket-hour, the distinct (requester, key, kind,
// window slot) tuples in which the requester made object-level calls. Slots are aligned to the
// clock (slot n covers minutes [n·W, (n+1)·W) since the epoch), so a burst that straddles a
// boundary counts in both slots: the count errs high, never low.
//
// Requester: the AWS Bucket Key documentation gives each requester its own bucket-level key;
// since 2024 S3 lets assumed-role sessions of one role share it when their session policies
// match (AWS Storage blog, "Enhance savings for read-heavy workloads with Amazon S3 Bucket
// Keys"). CloudTrail does not show session policies, so both bounds are counted: per role
// (sessions share; the headline) and per session (each session fetches its own key).

export type SlotMaskRow = {
  hour: number;
  /** Names, or the store's ids for them: only equality matters to the count. */
  session: string | number;
  role: string | number;
  keyArn: string;
  kind: string;
  /** Bit m = a call in minute m (0–29) of the hour. */
  minutesLow: number;
  /** Bit m = a call in minute 30 + m. */
  minutesHigh: number;
};

export type HourSlots = { perSession: number; perRole: number };

const minutesOf = (low: number, high: number): number[] => {
  const out: number[] = [];
  for (let m = 0; m < 30; m++) if (low & (1 << m)) out.push(m);
  for (let m = 0; m < 30; m++) if (high & (1 << m)) out.push(30 + m);
  return out;
};

type Merged = { tuple: string; hour: number; keyArn: string; low: number; high: number };

/** Rows of one hour merged per tuple: two sessions of one role in the same minute are one call for the role. */
function mergeBy(rows: readonly SlotMaskRow[], tupleOf: (r: SlotMaskRow) => string): Merged[] {
  const merged = new Map<string, Merged>();
  for (const r of rows) {
    const tuple = tupleOf(r);
    const m = merged.get(tuple);
    if (m) {
      m.low |= r.minutesLow;
      m.high |= r.minutesHigh;
    } else merged.set(tuple, { tuple, hour: r.hour, keyArn: r.keyArn, low: r.minutesLow, high: r.minutesHigh });
  }
  return [...merged.values()];
}

/**
 * Slots first used in each hour, per session and per role. A slot longer than an hour (window > 60
 * minutes) is counted in the hour its first call falls in, so totals over a range stay exact.
 * `onRoleSlot` hears each per-role slot's first minute (since the epoch): when the Bucket Key's
 * call would be made, for the request-rate projection.
 */
export function countRefreshSlots(
  rows: readonly SlotMaskRow[],
  windowMinutes: number,
  onRoleSlot?: (keyArn: string, minute: number) => void,
): Map<number, HourSlots> {
  const window = Math.max(1, windowMinutes);
  const byHour = new Map<number, SlotMaskRow[]>();
  for (const r of rows) {
    const list = byHour.get(r.hour);
    if (list) list.push(r);
    else byHour.set(r.hour, [r]);
  }
  const lastSlot = { session: new Map<string, number>(), role: new Map<string, number>() };
  const count = (merged: Merged[], last: Map<string, number>, onSlot?: typeof onRoleSlot): number => {
    let n = 0;
    for (const m of merged) {
      for (const minute of minutesOf(m.low, m.high)) {
        const slot = Math.floor((m.hour * 60 + minute) / window);
        if (slot > (last.get(m.tuple) ?? -1)) {
          last.set(m.tuple, slot);
          n++;
          onSlot?.(m.keyArn, m.hour * 60 + minute);
        }
      }
    }
    return n;
  };
  const out = new Map<number, HourSlots>();
  for (const hour of [...byHour.keys()].sort((a, b) => a - b)) {
    const hourRows = byHour.get(hour)!;
    out.set(hour, {
      perSession: count(
        mergeBy(hourRows, (r) => `${r.session} ${r.keyArn} ${r.kind}`),
        lastSlot.session,
      ),
      perRole: count(
        mergeBy(hourRows, (r) => `${r.role} ${r.keyArn} ${r.kind}`),
        lastSlot.role,
        onRoleSlot,
      ),
    });
  }
  return out;
}

const hhmm = (minuteOfEpoch: number) => new Date(minuteOfEpoch * 60_000).toISOString().slice(11, 16);
/** "arn:aws:iam::123456789012:role/orders-api" → "orders-api"; session ARNs keep role/session. */
const shortName = (arn: string) => arn.replace(/^arn:[^:]+:(iam|sts)::\d+:(role|user|assumed-role)\//, "");

/** The slots one hour's rows occupy per role, for "why this number": "orders-api decrypt 15:00–15:15, 15:15–15:30". */
export function describeSlots(rows: readonly SlotMaskRow[], windowMinutes: number): string[] {
  const window = Math.max(1, windowMinutes);
  return mergeBy(rows, (r) => `${r.role} ${r.keyArn} ${r.kind}`)
    .map((m) => {
      const [role = "", , kind = ""] = m.tuple.split(" ");
      const slots = [...new Set(minutesOf(m.low, m.high).map((minute) => Math.floor((m.hour * 60 + minute) / window)))];
      const spans = slots.map((s) => `${hhmm(s * window)}–${hhmm((s + 1) * window)}`);
      return `${shortName(role)} ${kind} ${spans.join(", ")}`;
    })
    .sort();
}
