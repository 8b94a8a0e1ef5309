import "server-only";
import type { CurrentEncryption } from "@/lib/contracts/encryption";
import { callerIdentity } from "@/lib/aws/identity";
import { bucketRegion } from "@/lib/aws/bucket-region";
import { configVersion } from "@/lib/encryption/change";
import { readEncryptionConfig, resolveEncryption } from "@/lib/inventory/posture";
import { keyResolver } from "@/lib/kms/key-resolver";

/** The bucket's default encryption as stored, with the version a later PUT must name. */
export async function readCurrentEncryption(bucket: string): Promise<CurrentEncryption> {
  const region = await bucketRegion(bucket);
  const [{ account }, raw] = await Promise.all([callerIdentity(), readEncryptionConfig(bucket, region)]);
  const encryption = await resolveEncryption(raw, keyResolver(region, account));
  return { bucket, region, raw, version: configVersion(raw), encryption };
}
