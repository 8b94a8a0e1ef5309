// What an S3 bucket management event set, as far as its CloudTrail record carries it: the request
// parameters hold the configuration that was put (never the one it replaced, so "before" is not
// known from the event). Plain code without zod: it runs in the log-file parse workers.

import type { BucketManagementEvent } from "@/lib/contracts/bucket-management-events";

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Json) : undefined;
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
/** CloudTrail writes an XML list of one element as an object, of several as an array. */
const list = (v: unknown): Json[] =>
  (Array.isArray(v) ? (v as unknown[]) : [v]).flatMap((x) => {
    const o = obj(x);
    return o ? [o] : [];
  });

const algorithms: Record<string, string> = { AES256: "SSE-S3", "aws:kms": "SSE-KMS", "aws:kms:dsse": "DSSE-KMS" };

function encryptionAfter(params: Json): string | null {
  const rule = list(obj(params.ServerSideEncryptionConfiguration)?.Rule)[0];
  const byDefault = obj(rule?.ApplyServerSideEncryptionByDefault);
  const algorithm = str(byDefault?.SSEAlgorithm);
  if (!rule || !algorithm) return null;
  const type = algorithms[algorithm] ?? algorithm;
  const key = type === "SSE-S3" ? "" : ` · ${str(byDefault?.KMSMasterKeyID) ?? "aws/s3"}`;
  const bucketKey = rule.BucketKeyEnabled;
  const flag = type === "SSE-KMS" ? ` · Bucket Key ${bucketKey === true || bucketKey === "true" ? "on" : "off"}` : "";
  return `${type}${key}${flag}`;
}

/** A sentence for what the event set, or null when its record does not say. */
export function eventAfter(event: BucketManagementEvent, requestParameters: unknown): string | null {
  const params = obj(requestParameters) ?? {};
  switch (event) {
    case "PutBucketEncryption":
      return encryptionAfter(params);
    case "DeleteBucketEncryption":
      return "Default encryption removed (S3 applies SSE-S3)";
    case "PutBucketVersioning": {
      const status = str(obj(params.VersioningConfiguration)?.Status);
      return status ? `Versioning ${status}` : null;
    }
    case "PutBucketReplication": {
      const rules = list(obj(params.ReplicationConfiguration)?.Rule).length;
      return rules ? `Replication: ${rules} rule${rules === 1 ? "" : "s"}` : null;
    }
    case "DeleteBucketReplication":
      return "Replication removed";
    case "CreateBucket":
      return `Created in ${str(obj(params.CreateBucketConfiguration)?.LocationConstraint) ?? "us-east-1"}`;
    case "DeleteBucket":
      return "Bucket deleted";
  }
}
