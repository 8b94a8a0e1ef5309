import "server-only";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectTaggingCommand,
  UploadPartCopyCommand,
  type S3Client,
  type StorageClass,
} from "@aws-sdk/client-s3";
import type { HeadFacts } from "@/lib/objects/head";

// CopyObject copies at most 5 GB in one request; larger objects are copied onto themselves in
// parts (UploadPartCopy). Unlike CopyObject, a multipart upload does not carry metadata and tags
// over by itself: they are read first and set on the new upload.

const maxParts = 10_000;

export async function multipartCopyInPlace(
  client: S3Client,
  bucket: string,
  key: string,
  etag: string,
  size: number,
  head: HeadFacts,
  keyArn: string,
  partBytes: number,
): Promise<void> {
  const tags = await client.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: key }));
  const tagging = new URLSearchParams((tags.TagSet ?? []).map((t) => [t.Key ?? "", t.Value ?? ""])).toString();
  const { UploadId } = await client.send(
    new CreateMultipartUploadCommand({
      Bucket: bucket,
      Key: key,
      ...head.headers,
      ...(tagging ? { Tagging: tagging } : {}),
      StorageClass: (head.storageClass ?? "STANDARD") as StorageClass,
      ServerSideEncryption: "aws:kms",
      SSEKMSKeyId: keyArn,
      BucketKeyEnabled: true,
    }),
  );
  const partSize = Math.max(partBytes, Math.ceil(size / maxParts));
  try {
    const parts = [];
    for (let start = 0, n = 1; start < size; start += partSize, n++) {
      const end = Math.min(start + partSize, size) - 1;
      const out = await client.send(
        new UploadPartCopyCommand({
          Bucket: bucket,
          Key: key,
          UploadId,
          PartNumber: n,
          CopySource: `${bucket}/${encodeURIComponent(key)}`,
          CopySourceIfMatch: etag,
          CopySourceRange: `bytes=${start}-${end}`,
        }),
      );
      parts.push({ PartNumber: n, ETag: out.CopyPartResult?.ETag });
    }
    await client.send(
      new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId, MultipartUpload: { Parts: parts } }),
    );
  } catch (err) {
    // An aborted upload leaves the original object untouched and stops storage charges for parts.
    await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId })).catch(() => undefined);
    throw err;
  }
}
