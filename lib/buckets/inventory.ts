import "server-only";
import type { BucketPosture, Inventory, InventorySummary } from "@/lib/contracts/inventory";
import { callerIdentity } from "@/lib/aws/identity";
import { accountCacheKey, currentAccount } from "@/lib/aws/account-context";
import { listBuckets } from "@/lib/buckets/list-buckets";
import { postureContext, readBucketPosture } from "@/lib/buckets/posture";
import { mapLimit } from "@/lib/server/concurrency";
import { serverEnv } from "@/lib/server/env";

/** Scans every bucket with bounded concurrency; alias listings are shared per region (alias-index.ts). */
export async function scanInventory(): Promise<Inventory> {
  const [{ account }, listed] = await Promise.all([callerIdentity(), listBuckets()]);
  const ctx = postureContext(account);
  const buckets = await mapLimit(listed, serverEnv().scanConcurrency, (b) => readBucketPosture(b, ctx));
  buckets.sort((a, b) => a.name.localeCompare(b.name));
  const scannedAt = new Date().toISOString();
  const self = currentAccount() ?? {
    id: account,
    name: "this console's account",
    source: "console" as const,
    roleArn: null,
  };
  return {
    buckets,
    summary: summarizeInventory(buckets),
    accounts: [
      {
        id: account,
        name: self.name,
        source: self.source,
        roleArn: self.roleArn,
        status: "ok",
        error: null,
        buckets: buckets.length,
        scannedAt,
      },
    ],
    scannedAt,
  };
}

export function summarizeInventory(buckets: BucketPosture[]): InventorySummary {
  const byType = { "SSE-S3": 0, "SSE-KMS": 0, "DSSE-KMS": 0, NONE: 0 };
  let withBucketKey = 0;
  for (const b of buckets) {
    if (!b.encryption) continue;
    byType[b.encryption.type] += 1;
    if (b.encryption.type === "SSE-KMS" && b.encryption.bucketKeyEnabled) withBucketKey += 1;
  }
  const kmsBuckets = byType["SSE-KMS"];
  return {
    total: buckets.length,
    byType,
    kmsBuckets,
    withBucketKey,
    bucketKeyShare: kmsBuckets ? withBucketKey / kmsBuckets : null,
    candidates: buckets.filter((b) => b.candidate).length,
    errors: buckets.filter((b) => b.error).length,
    regions: [...new Set(buckets.map((b) => b.region).filter((r): r is string => Boolean(r)))].sort(),
  };
}

// Each account's scan is cached for a short TTL and concurrent callers share one scan in
// flight, so a page full of widgets (or 200 clients) costs AWS one scan per account.
const cache = new Map<string, { inventory: Inventory; at: number }>();
const inFlight = new Map<string, Promise<Inventory>>();

/** The current account's inventory (see lib/aws/account-context.ts). */
export async function getInventory({ refresh = false } = {}): Promise<Inventory> {
  const key = accountCacheKey();
  const hit = cache.get(key);
  if (!refresh && hit && Date.now() - hit.at < serverEnv().inventoryTtlMs) return hit.inventory;
  let scan = inFlight.get(key);
  if (!scan) {
    scan = scanInventory()
      .then((inventory) => {
        cache.set(key, { inventory, at: Date.now() });
        return inventory;
      })
      .finally(() => inFlight.delete(key));
    inFlight.set(key, scan);
  }
  return scan;
}

/** Forget the cached scans, e.g. after the console changed a bucket's encryption. */
export function invalidateInventory(): void {
  cache.clear();
}
