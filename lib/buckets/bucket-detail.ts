import "server-only";
import type { BucketDetail } from "@/lib/contracts/inventory";
import { AppError } from "@/lib/contracts/errors";
import { callerIdentity } from "@/lib/aws/identity";
import { bucketRegion } from "@/lib/buckets/bucket-region";
import { readBucketPosture } from "@/lib/buckets/posture";
import { lastOutsideChange } from "@/lib/buckets/bucket-events-store";
import { storedPosture, writePosture } from "@/lib/buckets/inventory-store";
import { loadAliasIndex } from "@/lib/kms/alias-index";
import { describeKey } from "@/lib/kms/describe-key";

export async function getBucketDetail(name: string): Promise<BucketDetail> {
  // Resolving the region first turns an unknown bucket into a 404 rather than a row error.
  const [region, { account }] = await Promise.all([bucketRegion(name), callerIdentity()]);
  const aliases = loadAliasIndex(region, account);
  const createdAt = storedPosture(account, name)?.createdAt ?? null;
  const bucket = await readBucketPosture(name, createdAt, { account, aliasIndex: () => aliases });
  // The page read the bucket anyway: its row in the inventory is as fresh as the page.
  writePosture(bucket);
  const outsideChange = lastOutsideChange(account, name);
  const keyRef = bucket.encryption?.kmsKeyArn ?? bucket.encryption?.kmsKeyAlias ?? null;
  if (!keyRef) return { bucket, outsideChange, key: null, keyError: null };
  try {
    const key = await describeKey(keyRef, region, bucket.encryption?.kmsKeyAlias ?? null);
    return { bucket, outsideChange, key, keyError: null };
  } catch (err) {
    const e = err instanceof AppError ? err : new AppError("internal", "The bucket's KMS key could not be read.");
    return { bucket, outsideChange, key: null, keyError: { code: e.code, message: e.message } };
  }
}
