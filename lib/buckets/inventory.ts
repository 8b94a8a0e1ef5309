import "server-only";
import { paginateListBuckets } from "@aws-sdk/client-s3";
import type { BucketPosture, Inventory, InventorySummary } from "@/lib/contracts/inventory";
import { s3Client } from "@/lib/aws/clients";
import { defaultRegion } from "@/lib/aws/client-config";
import { toAppError } from "@/lib/aws/errors";
import { callerIdentity } from "@/lib/aws/identity";
import { accountCacheKey, currentAccount } from "@/lib/aws/account-context";
import { knownBucketRegion, rememberBucketRegion } from "@/lib/buckets/bucket-region";
import { readBucketPosture } from "@/lib/buckets/posture";
import { mapLimit } from "@/lib/server/concurrency";
import { serverEnv } from "@/lib/server/env";
import { inventoryScans } from "@/lib/server/process-state";
import { loadAliasIndex } from "@/lib/kms/alias-index";

type ListedBucket = { name: string; createdAt: string | null };

async function listBuckets(): Promise<ListedBucket[]> {
  const buckets: ListedBucket[] = [];
  try {
    for await (const page of paginateListBuckets({ client: s3Client(await defaultRegion()) }, {})) {
      for (const b of page.Buckets ?? []) {
        if (!b.Name) continue;
        // Real AWS names each bucket's region here, saving a call per bucket; moto does not.
        if (b.BucketRegion) rememberBucketRegion(b.Name, b.BucketRegion);
        buckets.push({ name: b.Name, createdAt: b.CreationDate?.toISOString() ?? null });
      }
    }
  } catch (err) {
    throw toAppError(err, "s3:ListAllMyBuckets", "this account");
  }
  return buckets;
}

/** Scans every bucket with bounded concurrency; alias listings are shared per region (alias-index.ts). */
export async function scanInventory(): Promise<Inventory> {
  const [{ account }, listed] = await Promise.all([callerIdentity(), listBuckets()]);
  const aliasIndex = (region: string) => loadAliasIndex(region, account);
  const buckets = await mapLimit(listed, serverEnv().scanConcurrency, (b) =>
    readBucketPosture(b.name, b.createdAt, { account, aliasIndex }),
  );
  // Replication destinations may have been scanned after their source: fill their regions now.
  for (const b of buckets) {
    for (const rule of b.replication?.rules ?? []) rule.destinationRegion ??= knownBucketRegion(rule.destinationBucket);
  }
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
const { done: cache, inFlight } = inventoryScans;

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
