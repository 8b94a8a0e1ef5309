import "server-only";
import type { BucketDetail } from "@/lib/contracts/inventory";
import { AppError } from "@/lib/contracts/errors";
import { callerIdentity } from "@/lib/aws/identity";
import { bucketRegion } from "@/lib/aws/bucket-region";
import { lastOutsideChange } from "@/lib/inventory/bucket-events-store";
import { refreshBucket } from "@/lib/inventory/refresh";
import { describeKey } from "@/lib/kms/describe-key";
import { storedPosture } from "@/lib/inventory/store";

/** The bucket's posture, built as the inventory builds it, with its KMS key's state. */
export async function getBucketDetail(name: string): Promise<BucketDetail> {
  // Resolving the region first turns an unknown bucket into a 404 rather than a row error.
  const [region, { account }] = await Promise.all([bucketRegion(name), callerIdentity()]);
  // The page reads the bucket anyway, so a row the inventory has becomes as fresh as the page; a bucket deleted
  // since its region was learnt loses its row and answers as an unknown one. A bucket the inventory does not list is
  // shown from this read and not inserted: a GET adds nothing to the store.
  const bucket = await refreshBucket(name, region, account, undefined, { insert: false });
  if (!bucket) throw new AppError("not_found", `Bucket ${name} does not exist.`, { resource: name });
  const outsideChange = lastOutsideChange(account, name);
  const enc = bucket.encryption;
  // A key that could not be resolved has its problem on the posture already: nothing to describe.
  const keyRef = enc?.kmsKeyProblem ? null : (enc?.kmsKeyArn ?? enc?.kmsKeyReference ?? enc?.kmsKeyAlias ?? null);
  if (!keyRef) return { bucket, outsideChange, key: null, keyError: null, roleNeeded: null };
  try {
    const key = await describeKey(keyRef, region, enc?.kmsKeyAlias ?? null);
    return { bucket, outsideChange, key, keyError: null, roleNeeded: null };
  } catch (err) {
    const e = err instanceof AppError ? err : new AppError("internal", "The bucket's KMS key could not be read.");
    return { bucket, outsideChange, key: null, keyError: { code: e.code, message: e.message }, roleNeeded: null };
  }
}

/**
 * A bucket of an account known only from AWS Config: what the aggregator's configuration item says, from the store,
 * and nothing read from AWS (there is no role to read it with), so the key's state and the rest stay unknown.
 */
export function bucketFromConfig(account: string, name: string): BucketDetail {
  const bucket = storedPosture(account, name);
  if (!bucket)
    throw new AppError("not_found", `AWS Config lists no bucket ${name} in account ${account}.`, { resource: name });
  return { bucket, outsideChange: lastOutsideChange(account, name), key: null, keyError: null, roleNeeded: account };
}
