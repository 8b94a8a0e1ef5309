import type { WriteStatus } from "@/lib/contracts/write-status";

// Pure rules for a write's record: what an error from AWS says about the write's outcome, what
// reading AWS afterwards says, and which status may follow which. No I/O: the change store and
// the writers (apply, rollback, key creation, inventory setup, Batch submission) call these.

/** What the SDK threw, reduced to what decides the outcome. */
export type ThrownWrite = { name: string; httpStatus: number | null };

export function thrownWrite(err: unknown): ThrownWrite {
  const e = err as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } } | null;
  const status = e?.$metadata?.httpStatusCode;
  // Node names socket failures by code (ECONNRESET) under a generic "Error".
  const name = e?.code && (!e.name || e.name === "Error") ? e.code : (e?.name ?? "Unknown");
  return { name, httpStatus: typeof status === "number" ? status : null };
}

export type ErrorOutcome = { status: "failed" | "unknown"; note: string };

/**
 * A 4xx answer is AWS refusing the request: nothing changed (throttling included: a throttled
 * request is refused before it runs). Anything else — no answer at all (reset, timeout) or a 5xx
 * after the SDK's retries, which AWS documents as "may or may not have completed" — leaves the
 * outcome unknown until AWS is read.
 */
export function outcomeOfError(call: string, t: ThrownWrite): ErrorOutcome {
  if (t.httpStatus !== null && t.httpStatus >= 400 && t.httpStatus < 500)
    return { status: "failed", note: `${call} was refused (${t.httpStatus} ${t.name}): nothing changed.` };
  const what = t.httpStatus === null ? `got no answer (${t.name})` : `answered ${t.httpStatus} ${t.name} after retries`;
  return { status: "unknown", note: `${call} ${what}: it may or may not have been made.` };
}

export type Settled = { status: "applied" | "failed"; note: string };

/**
 * Settles a write by what AWS holds now. `laterBefores` are the "before" states of changes made
 * to the same resource after this one: one that found this write's result in place proves it
 * was applied even when yet another change has replaced it since.
 */
export function settleByReading<T>(
  r: { now: T; put: T; before: T; laterBefores: readonly T[] },
  same: (a: T, b: T) => boolean,
): Settled {
  if (same(r.now, r.put)) return { status: "applied", note: "Checked: AWS reports what was put." };
  if (r.laterBefores.some((b) => same(b, r.put)))
    return { status: "applied", note: "Checked: a later change found this one in place." };
  if (same(r.now, r.before))
    return { status: "failed", note: "Checked: AWS still reports the state from before; it did not take effect." };
  return {
    status: "failed",
    note: "Checked: AWS reports neither the state before nor what was put (changed elsewhere); not in effect.",
  };
}

const next: Record<WriteStatus, readonly WriteStatus[]> = {
  pending: ["applied", "failed", "unknown"],
  unknown: ["applied", "failed", "unknown"],
  applied: [],
  failed: [],
};

/** Applied and failed are final: a late reconciliation never overwrites what the request settled. */
export function canSettle(from: WriteStatus, to: WriteStatus): boolean {
  return next[from].includes(to);
}

/** Statuses a settle to `to` may start from, for the store's guarded UPDATE. */
export function settlesFrom(to: WriteStatus): WriteStatus[] {
  return (Object.keys(next) as WriteStatus[]).filter((from) => canSettle(from, to));
}
