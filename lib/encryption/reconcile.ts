import "server-only";
import type { Change, CurrentEncryption } from "@/lib/contracts/encryption";
import { AppError } from "@/lib/contracts/errors";
import { currentAccount, inAccount } from "@/lib/aws/account-context";
import { currentAccountId, findAccount } from "@/lib/accounts/accounts";
import { readCurrentEncryption } from "@/lib/encryption/current";
import { sameConfiguration } from "@/lib/encryption/change";
import { markEncryptionStale, storeEncryption } from "@/lib/inventory/refresh";
import {
  getChange,
  nextBefore,
  publicChange,
  settleChange,
  unsettledChanges,
  type StoredChange,
} from "@/lib/changes/store";
import { settleByReading } from "@/lib/changes/write-outcome";
import { processWide } from "@/lib/runtime/process-wide";

// Settles changes whose outcome is not known by reading the bucket: right after a lost answer
// (apply.ts), every little while while some stay unknown, and at start-up for any
// a crash left pending between PutBucketEncryption and its record (instrumentation.ts). The read
// also updates the bucket's inventory row, which an unknown change marked stale.

type Reconciled = { change: StoredChange; current: CurrentEncryption | null };

/** Reads the bucket once and settles the change if it can; unknown again (with why) if the read fails. */
export async function reconcileChange(change: StoredChange): Promise<Reconciled> {
  let current: CurrentEncryption;
  try {
    current = await readCurrentEncryption(change.bucket);
  } catch (err) {
    const message = err instanceof AppError ? err.message : "unexpected error";
    const gone = err instanceof AppError && err.code === "not_found";
    const note = gone ? `Checked: ${message}` : `Checking S3 failed: ${message}`;
    const settled = settleChange(change.id, { status: gone ? "failed" : "unknown", note });
    // Until the bucket can be read its row may show the configuration from before: it says so.
    if (!gone && change.account)
      markEncryptionStale(
        change.account,
        change.bucket,
        `Change #${change.id} is not verified yet: re-read when it is.`,
      );
    return { change: settled ?? getChange(change.id)!, current: null };
  }
  await storeEncryption(change.account ?? (await currentAccountId()), change.bucket, current.encryption);
  const settled = settleByReading(
    { now: current.raw, put: change.afterRaw, before: change.beforeRaw, nextBefore: nextBefore(change) },
    sameConfiguration,
  );
  const inPlace = settled.status === "applied" && sameConfiguration(current.raw, change.afterRaw);
  const after = settleChange(change.id, {
    ...settled,
    ...(inPlace ? { after: current.encryption } : {}),
    message: settled.status === "applied" ? null : settled.note,
  });
  return { change: after ?? getChange(change.id)!, current };
}

/** In the account the change was made in (the console's own for rows recorded before accounts were). */
async function inChangeAccount<T>(change: StoredChange, work: () => Promise<T>): Promise<T> {
  if (!change.account || change.account === (currentAccount()?.id ?? (await currentAccountId()))) return work();
  return inAccount(await findAccount(change.account), work);
}

/** POST /api/changes/:id/check — "Check now" in History: read the bucket of a pending or unknown change. */
export async function checkChange(id: number): Promise<Change> {
  const change = getChange(id);
  if (!change) throw new AppError("not_found", `No change #${id} in the history.`);
  if (change.status === "applied" || change.status === "failed") return publicChange(change);
  const { change: checked } = await inChangeAccount(change, () => reconcileChange(change));
  return publicChange(checked);
}

/**
 * Settles every change left `statuses` (start-up: pending and unknown; later: unknown only, since a
 * pending change in a running process is a request still waiting for S3). Returns what is still unknown.
 */
export async function reconcileUnsettled(statuses: readonly ("pending" | "unknown")[]): Promise<StoredChange[]> {
  const left: StoredChange[] = [];
  for (const change of unsettledChanges(statuses)) {
    // Left pending by a crash: S3 may hold it already, so the row says so until the read below settles it.
    if (change.status === "pending" && change.account)
      markEncryptionStale(change.account, change.bucket, `Change #${change.id} was cut off: re-read when it is.`);
    try {
      const { change: after } = await inChangeAccount(change, () => reconcileChange(change));
      if (after.status === "unknown" || after.status === "pending") left.push(after);
    } catch (err) {
      // An account that cannot be entered now (role not assumable) is tried again later.
      settleChange(change.id, { status: "unknown", note: `Checking S3 failed: ${(err as Error).message}` });
      left.push(change);
    }
  }
  return left;
}

const retryMs = [5_000, 15_000, 30_000, 60_000];
/** One checker per process: an apply in any route bundle and the start-up pass share its timer. */
const state = processWide("ChangeReconciler", () => ({ timer: null as NodeJS.Timeout | null }));

/** Checks unknown changes again shortly, backing off to once a minute, until none is left. */
export function reconcileSoon(attempt = 0): void {
  if (state.timer) return;
  const timer = setTimeout(
    async () => {
      state.timer = null;
      const left = await reconcileUnsettled(["unknown"]).catch(() => [1]);
      if (left.length) reconcileSoon(attempt + 1);
    },
    retryMs[Math.min(attempt, retryMs.length - 1)],
  );
  timer.unref();
  state.timer = timer;
}

/** Start-up: nothing is in flight yet, so pending changes are ones a crash cut off. Runs in the background. */
export function reconcileAtStartup(): Promise<void> {
  return reconcileUnsettled(["pending", "unknown"]).then(
    (left) => {
      if (left.length) {
        console.warn(`[changes] ${left.length} change(s) still unknown: checking again shortly`);
        reconcileSoon();
      }
    },
    (err: unknown) => console.error("[changes] could not settle unfinished changes:", err),
  );
}
