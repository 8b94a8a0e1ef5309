import "server-only";
import { unverifiedChangeCode } from "@/lib/contracts/write-status";
import type { BucketEncryption, BucketPosture } from "@/lib/contracts/inventory";
import { currentAccountId } from "@/lib/accounts/accounts";
import { mapLimit } from "@/lib/runtime/concurrency";
import { serverEnv } from "@/lib/runtime/env";
import { rememberBucketRegion } from "../aws/bucket-region";
import { markRefreshed, pendingBuckets } from "./bucket-events-store";
import { refreshListedPosture, removeBucket, storedPosture, writePosture } from "./store";
import { isCandidate } from "./summary";
import { postureContext, readBucketPosture, type PostureContext } from "./posture";

// Re-reading single buckets into the store, in the current account: after an apply or a
// rollback (its row only, never a rescan), when the bucket page is opened, and for the buckets
// that S3 management events named (event-driven refresh).

/** True when every part of the read failed because the bucket does not exist (NoSuchBucket). */
const isGone = (p: BucketPosture) => p.error?.code === "not_found" && !p.encryption && !p.versioning;

/**
 * Reads one bucket and stores its row; a bucket that no longer exists loses its row (null).
 * `region` (from ListBuckets or the event) spares a GetBucketLocation. `insert: false` (a page's GET) updates the
 * row of a bucket the inventory lists and inserts none: only a scan's listing or an event adds a bucket.
 */
export async function refreshBucket(
  name: string,
  region?: string,
  account?: string,
  ctx?: PostureContext,
  { insert = true }: { insert?: boolean } = {},
): Promise<BucketPosture | null> {
  const accountId = account ?? (await currentAccountId());
  if (region) rememberBucketRegion(name, region);
  // The creation date comes from ListBuckets: a known bucket's row has it, a new one looks it up.
  const stored = storedPosture(accountId, name);
  const listed = stored ? { name, createdAt: stored.createdAt, region: stored.region } : null;
  const posture = await readBucketPosture(listed ?? { name, createdAt: "look-up" }, ctx ?? postureContext(accountId));
  if (isGone(posture)) {
    removeBucket(accountId, name);
    return null;
  }
  if (insert) writePosture(posture);
  else if (stored) refreshListedPosture(posture);
  return posture;
}

/** After an apply or rollback: the read-back encryption goes into the bucket's row (read whole if it has none). */
export async function storeEncryption(account: string, name: string, encryption: BucketEncryption): Promise<void> {
  try {
    const stored = storedPosture(account, name);
    if (!stored?.readAt) {
      await refreshBucket(name, undefined, account);
      return;
    }
    // An error stored with no encryption was the encryption's, and a stale mark was about it: it has just been read.
    const error = stored.encryption === null || stored.error?.code === unverifiedChangeCode ? null : stored.error;
    const readAt = new Date().toISOString();
    writePosture({ ...stored, encryption, candidate: isCandidate(encryption), error, readAt });
  } catch (err) {
    // The change is made and recorded; the row catches up with the next event or scan.
    console.error(`[inventory] could not update ${name}'s row after the change:`, err);
  }
}

/**
 * A change whose outcome is not known: the row's encryption may be wrong, and says so on its row until the
 * bucket is read again (storeEncryption clears the mark).
 */
export function markEncryptionStale(account: string, name: string, message: string): void {
  const stored = storedPosture(account, name);
  if (stored) writePosture({ ...stored, error: { code: unverifiedChangeCode, message } });
}

type RefreshOutcome = { buckets: number; removed: number };

/** Re-reads the buckets that management events named since the last pass (the current account's). */
export async function refreshNotedBuckets(): Promise<RefreshOutcome> {
  const account = await currentAccountId();
  const pending = pendingBuckets(account);
  let removed = 0;
  // One context for the pass: its key lookups (alias listings) are shared by every bucket it re-reads.
  const ctx = postureContext(account);
  await mapLimit(pending, serverEnv().scanConcurrency, async (p) => {
    const posture = await refreshBucket(p.bucket, p.region, account, ctx);
    if (!posture) removed++;
    markRefreshed(p.ids);
  });
  return { buckets: pending.length, removed };
}
