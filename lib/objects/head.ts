import "server-only";
import { HeadObjectCommand, paginateListObjectsV2, type S3Client } from "@aws-sdk/client-s3";
import { isAwsError } from "@/lib/aws/errors";
import { awsCallError } from "@/lib/aws/send";
import type { ObjectEncryptionFacts } from "@/lib/objects/category";

export type ListedObject = { key: string; etag: string; size: number };

/** Where the console keeps its own files in a bucket (probe objects, batch manifests). */
export const consolePrefix = ".bucket-key-console/";

/** The customer's objects only: the console's own files are never re-encrypted or listed for a job. */
export const isCustomerObject = (o: ListedObject) => !o.key.startsWith(consolePrefix);

export type HeadFacts = {
  encryption: ObjectEncryptionFacts | null;
  etag: string | null;
  size: number | null;
  storageClass: string | null;
  objectLock: boolean;
  /** What a multipart copy must set again itself (CopyObject's COPY directive keeps it). */
  headers: {
    ContentType?: string;
    CacheControl?: string;
    ContentDisposition?: string;
    ContentEncoding?: string;
    ContentLanguage?: string;
    Expires?: Date;
    WebsiteRedirectLocation?: string;
    Metadata?: Record<string, string>;
  };
};

/** Lists a bucket (or a prefix of it), stopping after `limit` objects when given. */
export async function listObjects(
  client: S3Client,
  bucket: string,
  prefix = "",
  limit?: number,
): Promise<ListedObject[]> {
  const out: ListedObject[] = [];
  try {
    for await (const page of paginateListObjectsV2(
      { client, pageSize: 1000 },
      { Bucket: bucket, Prefix: prefix || undefined },
    )) {
      for (const o of page.Contents ?? []) {
        if (!o.Key) continue;
        out.push({ key: o.Key, etag: o.ETag ?? "", size: o.Size ?? 0 });
        if (limit !== undefined && out.length >= limit) return out;
      }
    }
  } catch (err) {
    throw awsCallError(err, "ListObjectsV2", bucket);
  }
  return out;
}

/** HeadObject reshaped. SSE-C objects cannot be read without their key: S3 answers 400. */
export async function headObjectFacts(client: S3Client, bucket: string, key: string): Promise<HeadFacts> {
  try {
    const h = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return {
      encryption: {
        serverSideEncryption: h.ServerSideEncryption ?? null,
        kmsKeyId: h.SSEKMSKeyId ?? null,
        bucketKeyEnabled: h.BucketKeyEnabled === true,
        sseCustomerAlgorithm: h.SSECustomerAlgorithm ?? null,
      },
      etag: h.ETag ?? null,
      size: h.ContentLength ?? null,
      storageClass: h.StorageClass ?? null,
      objectLock: Boolean(h.ObjectLockMode || h.ObjectLockLegalHoldStatus === "ON"),
      headers: {
        ContentType: h.ContentType,
        CacheControl: h.CacheControl,
        ContentDisposition: h.ContentDisposition,
        ContentEncoding: h.ContentEncoding,
        ContentLanguage: h.ContentLanguage,
        Expires: h.Expires,
        WebsiteRedirectLocation: h.WebsiteRedirectLocation,
        Metadata: h.Metadata,
      },
    };
  } catch (err) {
    if (
      isAwsError(err, "BadRequest", "InvalidRequest") ||
      (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 400
    ) {
      const encryption = {
        serverSideEncryption: null,
        kmsKeyId: null,
        bucketKeyEnabled: false,
        sseCustomerAlgorithm: "unknown (SSE-C)",
      };
      return { encryption, etag: null, size: null, storageClass: null, objectLock: false, headers: {} };
    }
    throw awsCallError(err, "HeadObject", `${bucket}/${key}`);
  }
}
