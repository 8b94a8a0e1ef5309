// A FileAggregate as it crosses from a parse worker to the writer: every string once in a table,
// everything else in four Uint32Arrays whose buffers are transferred, not copied. Copying the
// aggregate as objects (a few thousand per file) cost the main thread more than committing it.
// Pure, so the worker and the writer share it.
import { Ids, type CallKind, type FileAggregate, type MinuteRow, type SlotRow } from "./aggregate";

export type WireAggregate = Pick<FileAggregate, "events" | "ignored" | "ignoredByReason"> & {
  strings: string[];
  /** Per row: bucket, hour, operation, level (0 object, 1 bucket), key ARN, region, requests. */
  rows: Uint32Array;
  /** Per principal: bucket, hour, principal. */
  principals: Uint32Array;
  /** Per slot: bucket, hour, session, role, key ARN, region, kind (0 encrypt, 1 decrypt), minutes low, high. */
  slots: Uint32Array;
  /** Per minute row: bucket, hour, key ARN, region, then 60 object-level and 60 bucket-level counts. */
  minutes: Uint32Array;
};

const ROW = 7;
const PRINCIPAL = 3;
const SLOT = 9;
const MINUTE = 4 + 120;

export function packAggregate(a: FileAggregate): WireAggregate {
  const table = new Ids();
  const s = (value: string) => table.of(value);
  const rows = new Uint32Array(a.rows.length * ROW);
  a.rows.forEach((r, i) =>
    rows.set(
      [s(r.bucket), r.hour, s(r.operation), r.level === "object" ? 0 : 1, s(r.keyArn), s(r.region), r.requests],
      i * ROW,
    ),
  );
  const principals = new Uint32Array(a.principals.length * PRINCIPAL);
  a.principals.forEach((p, i) => principals.set([s(p.bucket), p.hour, s(p.principal)], i * PRINCIPAL));
  const slots = new Uint32Array(a.slots.length * SLOT);
  a.slots.forEach((r, i) =>
    slots.set(
      [
        s(r.bucket),
        r.hour,
        s(r.session),
        s(r.role),
        s(r.keyArn),
        s(r.region),
        r.kind === "encrypt" ? 0 : 1,
        r.minutesLow,
        r.minutesHigh,
      ],
      i * SLOT,
    ),
  );
  const minutes = new Uint32Array(a.minutes.length * MINUTE);
  a.minutes.forEach((m, i) => {
    minutes.set([s(m.bucket), m.hour, s(m.keyArn), s(m.region)], i * MINUTE);
    minutes.set(m.objectPerMinute, i * MINUTE + 4);
    minutes.set(m.bucketPerMinute, i * MINUTE + 64);
  });
  const { events, ignored, ignoredByReason } = a;
  return { strings: table.values, rows, principals, slots, minutes, events, ignored, ignoredByReason };
}

/** The buffers to transfer with postMessage. */
export const wireBuffers = (w: WireAggregate): ArrayBuffer[] =>
  [w.rows, w.principals, w.slots, w.minutes].map((a) => a.buffer as ArrayBuffer);

export function unpackAggregate(w: WireAggregate): FileAggregate {
  const s = w.strings;
  const at = (a: Uint32Array, i: number) => s[a[i]!]!;
  const rows: FileAggregate["rows"] = [];
  for (let i = 0; i < w.rows.length; i += ROW) {
    const r = w.rows;
    rows.push({
      bucket: at(r, i),
      hour: r[i + 1]!,
      operation: at(r, i + 2),
      level: r[i + 3] === 0 ? "object" : "bucket",
      keyArn: at(r, i + 4),
      region: at(r, i + 5),
      requests: r[i + 6]!,
    });
  }
  const principals: FileAggregate["principals"] = [];
  for (let i = 0; i < w.principals.length; i += PRINCIPAL) {
    const p = w.principals;
    principals.push({ bucket: at(p, i), hour: p[i + 1]!, principal: at(p, i + 2) });
  }
  const slots: SlotRow[] = [];
  for (let i = 0; i < w.slots.length; i += SLOT) {
    const r = w.slots;
    const kind: CallKind = r[i + 6] === 0 ? "encrypt" : "decrypt";
    slots.push({
      bucket: at(r, i),
      hour: r[i + 1]!,
      session: at(r, i + 2),
      role: at(r, i + 3),
      keyArn: at(r, i + 4),
      region: at(r, i + 5),
      kind,
      minutesLow: r[i + 7]!,
      minutesHigh: r[i + 8]!,
    });
  }
  const minutes: MinuteRow[] = [];
  for (let i = 0; i < w.minutes.length; i += MINUTE) {
    const m = w.minutes;
    minutes.push({
      bucket: at(m, i),
      hour: m[i + 1]!,
      keyArn: at(m, i + 2),
      region: at(m, i + 3),
      objectPerMinute: m.slice(i + 4, i + 64),
      bucketPerMinute: m.slice(i + 64, i + 124),
    });
  }
  const { events, ignored, ignoredByReason } = w;
  return { rows, principals, slots, minutes, events, ignored, ignoredByReason };
}
