import "server-only";
import { paginateListBuckets } from "@aws-sdk/client-s3";
import { defaultRegion, s3Client } from "@/lib/aws/clients";
import { toAppError } from "@/lib/aws/errors";
import { rememberBucketRegion } from "@/lib/buckets/bucket-region";

/** A bucket as ListBuckets names it: the only call that tells a bucket's creation date. */
export type ListedBucket = { name: string; createdAt: string | null };

/** The account's buckets; `prefix` lists only the names that start with it. */
export async function listBuckets(prefix?: string): Promise<ListedBucket[]> {
  const buckets: ListedBucket[] = [];
  try {
    for await (const page of paginateListBuckets({ client: s3Client(await defaultRegion()) }, { Prefix: prefix })) {
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

/** One bucket's creation date, as the inventory's listing reports it; null for a bucket the listing omits. */
export async function bucketCreationDate(name: string): Promise<string | null> {
  return (await listBuckets(name)).find((b) => b.name === name)?.createdAt ?? null;
}
