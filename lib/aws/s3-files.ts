import "server-only";
import type { Readable } from "node:stream";
import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import type { AsyncBuffer } from "hyparquet";
import type { AppError } from "@/lib/contracts/errors";
import { isAwsError } from "@/lib/aws/errors";
import { awsCallError, send } from "@/lib/aws/send";

// Data files in a bucket, read the two ways report readers need: CSV as one streamed GetObject
// per file, Parquet by ranged GetObjects (its footer first, then only the columns wanted).
// `etag`, when given, makes S3 refuse a file that changed since it was listed (IfMatch).

export type DataFiles = {
  /** The whole file as a stream (CSV). */
  stream(key: string, etag?: string): Promise<Readable>;
  /** Random access by byte range (Parquet keeps its index at the end of the file). */
  ranges(key: string, size: number, etag?: string): AsyncBuffer;
};

export function s3DataFiles(client: S3Client, bucket: string): DataFiles {
  const get = (key: string, range?: string, etag?: string) =>
    send(client, new GetObjectCommand({ Bucket: bucket, Key: key, Range: range, IfMatch: etag }), `${bucket}/${key}`);
  return {
    stream: async (key, etag) => (await get(key, undefined, etag)).Body as Readable,
    ranges: (key, size, etag) => ({
      byteLength: size,
      slice: async (start, end = size) => {
        const bytes = await (await get(key, `bytes=${start}-${end - 1}`, etag)).Body!.transformToByteArray();
        return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      },
    }),
  };
}

/**
 * A small object's text (a report's manifest), or null when there is no such object. A manifest lists file
 * names, megabytes at most: one larger than `maxBytes` is refused (`over`) before its body is read.
 */
export async function readSmallObject(
  client: S3Client,
  bucket: string,
  key: string,
  maxBytes: number,
  over: () => AppError,
): Promise<string | null> {
  let out;
  try {
    out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  } catch (err) {
    if (isAwsError(err, "NoSuchKey", "NotFound")) return null;
    throw awsCallError(err, "GetObject", `${bucket}/${key}`);
  }
  if ((out.ContentLength ?? 0) > maxBytes) {
    (out.Body as { destroy?: () => void } | undefined)?.destroy?.();
    throw over();
  }
  let text: string;
  try {
    text = (await out.Body?.transformToString()) ?? "";
  } catch (err) {
    throw awsCallError(err, "GetObject", `${bucket}/${key}`);
  }
  // ContentLength is the answer's word; the body is measured too.
  if (Buffer.byteLength(text) > maxBytes) throw over();
  return text;
}
