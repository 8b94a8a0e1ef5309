import "server-only";
import { CopyObjectCommand, UpdateObjectEncryptionCommand, type S3Client, type StorageClass } from "@aws-sdk/client-s3";
import { awsErrorName, isAwsError } from "@/lib/aws/errors";
import { multipartCopyInPlace } from "@/lib/objects/reencrypt/multipart-copy";
import { headObjectFacts, type ListedObject } from "@/lib/objects/head";

// Re-encrypts one object to SSE-KMS with the Bucket Key, without losing a byte:
// - it looks first, so an object already re-encrypted (by a run that crashed before it could
//   record the fact, or written during the job under the new default) is never copied again;
// - a copy names the ETag it looked at (CopySourceIfMatch), so an object replaced meanwhile
//   is never overwritten with older content;
// - CopyObject keeps metadata, content type and tags (COPY directives) and the storage class;
//   objects over 5 GB are copied in parts with the same properties set explicitly.

export type Method = "update-object-encryption" | "copy-object";
type ObjectOutcome =
  | { status: "done"; how: "updated" | "copied" | "already" }
  | { status: "skipped"; reason: string }
  | { status: "failed"; reason: string }
  | { status: "method-unavailable"; reason: string };

const unavailable = ["NotImplemented", "MethodNotAllowed", "InvalidRequest", "UnsupportedOperation"];

/** S3's limits: one CopyObject copies up to 5 GB; parts of a multipart copy are 5 MB to 5 GB. */
type CopyLimits = { singleCopyMaxBytes: number; partBytes: number };
const s3CopyLimits: CopyLimits = { singleCopyMaxBytes: 5 * 1024 ** 3, partBytes: 512 * 1024 ** 2 };

export async function reencryptObject(
  client: S3Client,
  bucket: string,
  object: ListedObject,
  keyArn: string,
  method: Method,
  onlyWithoutBucketKey: boolean,
  limits: CopyLimits = s3CopyLimits,
): Promise<ObjectOutcome> {
  const head = await headObjectFacts(client, bucket, object.key);
  const enc = head.encryption;
  if (!enc || enc.sseCustomerAlgorithm)
    return {
      status: "skipped",
      reason: "SSE-C: S3 needs the customer's key to read it, which the console does not have.",
    };
  if (head.objectLock)
    return { status: "skipped", reason: "Object Lock retention or legal hold: the object cannot be rewritten." };
  const onTarget =
    enc.serverSideEncryption === "aws:kms" && enc.bucketKeyEnabled && (!enc.kmsKeyId || enc.kmsKeyId === keyArn);
  if (onTarget) return { status: "done", how: "already" };
  if (onlyWithoutBucketKey && enc.serverSideEncryption === "aws:kms" && enc.bucketKeyEnabled)
    return { status: "skipped", reason: "Already uses a Bucket Key (under another key)." };
  if (enc.serverSideEncryption === "aws:kms:dsse")
    return { status: "skipped", reason: "DSSE-KMS: Bucket Keys are not supported for dual-layer encryption." };
  const etag = head.etag ?? object.etag;
  const size = head.size ?? object.size;
  try {
    if (method === "update-object-encryption") {
      await client.send(
        new UpdateObjectEncryptionCommand({
          Bucket: bucket,
          Key: object.key,
          ObjectEncryption: { SSEKMS: { KMSKeyArn: keyArn, BucketKeyEnabled: true } },
        }),
      );
      return { status: "done", how: "updated" };
    }
    if (size > limits.singleCopyMaxBytes) {
      await multipartCopyInPlace(client, bucket, object.key, etag, size, head, keyArn, limits.partBytes);
      return { status: "done", how: "copied" };
    }
    await client.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: object.key,
        CopySource: `${bucket}/${encodeURIComponent(object.key)}`,
        CopySourceIfMatch: etag,
        MetadataDirective: "COPY",
        TaggingDirective: "COPY",
        StorageClass: (head.storageClass ?? "STANDARD") as StorageClass,
        ServerSideEncryption: "aws:kms",
        SSEKMSKeyId: keyArn,
        BucketKeyEnabled: true,
      }),
    );
    return { status: "done", how: "copied" };
  } catch (err) {
    if (
      method === "update-object-encryption" &&
      (isAwsError(err, ...unavailable) ||
        [400, 405, 501].includes((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? 0))
    ) {
      return { status: "method-unavailable", reason: `UpdateObjectEncryption answered ${awsErrorName(err)}` };
    }
    if (isAwsError(err, "PreconditionFailed"))
      return { status: "failed", reason: "The object changed while it was being re-encrypted; retry it." };
    return { status: "failed", reason: `${awsErrorName(err)}: the object was left as it was.` };
  }
}
