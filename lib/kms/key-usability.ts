// Whether a KMS key can serve as an S3 default-encryption key for a bucket, and why not.
// Fields the emulator leaves out (KeyUsage on moto) count as unknown, never as unusable.

export type KeyFacts = {
  state: string | null;
  spec: string | null;
  usage: string | null;
  region: string | null;
};

export function keyUsability(key: KeyFacts, bucketRegion: string): { usable: boolean; reason: string | null } {
  if (key.region && key.region !== bucketRegion) {
    return { usable: false, reason: `In ${key.region}: S3 needs a key in the bucket's region (${bucketRegion}).` };
  }
  if (key.state === "PendingDeletion")
    return { usable: false, reason: "Pending deletion: S3 could not use it once deleted." };
  if (key.state && key.state !== "Enabled")
    return { usable: false, reason: `${key.state}: S3 cannot encrypt with a key that is not enabled.` };
  if (key.spec && key.spec !== "SYMMETRIC_DEFAULT")
    return { usable: false, reason: `${key.spec} is asymmetric or HMAC: S3 supports symmetric encryption keys only.` };
  if (key.usage && key.usage !== "ENCRYPT_DECRYPT")
    return { usable: false, reason: `Key usage ${key.usage}: S3 needs ENCRYPT_DECRYPT.` };
  return { usable: true, reason: null };
}
