import type { ObjectCategory } from "@/lib/contracts/objects";

export type ObjectEncryptionFacts = {
  serverSideEncryption: string | null;
  kmsKeyId: string | null;
  bucketKeyEnabled: boolean;
  sseCustomerAlgorithm: string | null;
};

/** Where an object stands against the bucket's default key (null when the default is not KMS). */
export function categorizeObject(o: ObjectEncryptionFacts | null, defaultKeyArn: string | null): ObjectCategory {
  if (!o || o.sseCustomerAlgorithm || !o.serverSideEncryption) return "Unencrypted or SSE-C";
  if (o.serverSideEncryption === "AES256") return "SSE-S3";
  if (o.serverSideEncryption === "aws:kms:dsse") return "DSSE-KMS";
  if (defaultKeyArn && o.kmsKeyId && o.kmsKeyId !== defaultKeyArn) return "SSE-KMS other key";
  return o.bucketKeyEnabled ? "SSE-KMS with Bucket Key" : "SSE-KMS without Bucket Key";
}

export function emptyDistribution(): Record<ObjectCategory, number> {
  return {
    "SSE-KMS with Bucket Key": 0,
    "SSE-KMS without Bucket Key": 0,
    "SSE-KMS other key": 0,
    "SSE-S3": 0,
    "DSSE-KMS": 0,
    "Unencrypted or SSE-C": 0,
  };
}
