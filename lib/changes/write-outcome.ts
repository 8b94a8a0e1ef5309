import type { WriteStatus } from "@/lib/contracts/write-status";

// Pure rules for a write's record: what an error from AWS says about the write's outcome, what
// reading AWS afterwards says, and which status may follow which. No I/O: the change store and
// the writers (apply, rollback, key creation, inventory setup, Batch submission) call these.

/** What the SDK threw, reduced to what decides the outcome. */
type ThrownWrite = { name: string; httpStatus: number | null };

export function thrownWrite(err: unknown): ThrownWrite {
  const e = err as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } } | null;
  const status = e?.$metadata?.httpStatusCode;
  // Node names socket failures by code (ECONNRESET) under a generic "Error".
  const name = e?.code && (!e.name || e.name === "Error") ? e.code : (e?.name ?? "Unknown");
  return { name, httpStatus: typeof status === "number" ? status : null };
}

type ErrorOutcome = { status: "failed" | "unknown"; note: string };

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

type Settled = { status: "applied" | "failed"; note: string };

/**
 * Settles a write by reading AWS. The best witness is the next change made to the same resource after this
 * one (`nextBefore`: the state it read just before its own write), since a later change may have put the same
 * thing again: if it found the state from before, this write did not take effect, whatever AWS holds now. With
 * no later change, what AWS holds now decides. Outside writes in between cannot be told apart: they show as
 * "neither".
 */
export function settleByReading<T>(
  r: { now: T; put: T; before: T; nextBefore?: T },
  same: (a: T, b: T) => boolean,
): Settled {
  if (same(r.put, r.before)) return { status: "applied", note: "Checked: it changed nothing, so it is in place." };
  const later = r.nextBefore !== undefined;
  const seen = later ? r.nextBefore! : r.now;
  if (same(seen, r.put))
    return {
      status: "applied",
      note: later ? "Checked: the next change found it in place." : "Checked: AWS reports what was put.",
    };
  if (same(seen, r.before))
    return {
      status: "failed",
      note: later
        ? "Checked: the next change found the state from before; it did not take effect."
        : "Checked: AWS still reports the state from before; it did not take effect.",
    };
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
