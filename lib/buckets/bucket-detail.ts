import "server-only";
import type { BucketDetail } from "@/lib/contracts/inventory";
import { AppError } from "@/lib/contracts/errors";
import { callerIdentity } from "@/lib/aws/identity";
import { bucketRegion } from "@/lib/buckets/bucket-region";
import { postureContext, readBucketPosture } from "@/lib/buckets/posture";
import { describeKey } from "@/lib/kms/describe-key";

/** The bucket's posture, built as the inventory builds it, with its KMS key's state. */
export async function getBucketDetail(name: string): Promise<BucketDetail> {
  // Resolving the region first turns an unknown bucket into a 404 rather than a row error.
  const [region, { account }] = await Promise.all([bucketRegion(name), callerIdentity()]);
  const bucket = await readBucketPosture({ name, createdAt: "look-up" }, postureContext(account));
  const enc = bucket.encryption;
  // A key that could not be resolved has its problem on the posture already: nothing to describe.
  const keyRef = enc?.kmsKeyProblem ? null : (enc?.kmsKeyArn ?? enc?.kmsKeyReference ?? enc?.kmsKeyAlias ?? null);
  if (!keyRef) return { bucket, key: null, keyError: null };
  try {
    return { bucket, key: await describeKey(keyRef, region, enc?.kmsKeyAlias ?? null), keyError: null };
  } catch (err) {
    const e = err instanceof AppError ? err : new AppError("internal", "The bucket's KMS key could not be read.");
    return { bucket, key: null, keyError: { code: e.code, message: e.message } };
  }
}
