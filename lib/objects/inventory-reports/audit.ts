import "server-only";
import type { Readable } from "node:stream";
import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { send } from "@/lib/aws/send";
import type { LocatedReport } from "@/lib/objects/inventory-reports/locate";
import { tallyReport, type ReportFiles } from "@/lib/objects/inventory-reports/reader";
import type { ReportTally } from "@/lib/objects/inventory-reports/tally";
import { serverEnv } from "@/lib/runtime/env";

// The report's data files read from its destination bucket: CSV as one streamed GetObject per
// file, Parquet by ranged GetObjects (its footer first, then the columns the audit needs).

function s3ReportFiles(client: S3Client, bucket: string): ReportFiles {
  const get = (key: string, range?: string) =>
    send(client, new GetObjectCommand({ Bucket: bucket, Key: key, Range: range }), `${bucket}/${key}`);
  return {
    stream: async (key) => (await get(key)).Body as Readable,
    ranges: (key, size) => ({
      byteLength: size,
      slice: async (start, end = size) => {
        const bytes = await (await get(key, `bytes=${start}-${end - 1}`)).Body!.transformToByteArray();
        return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      },
    }),
  };
}

export function auditReport(
  client: S3Client,
  report: LocatedReport,
  onProgress: (bytesRead: number, rows: number) => void,
  isCancelled: () => boolean,
): Promise<ReportTally> {
  return tallyReport(
    report.manifest,
    report.columns,
    s3ReportFiles(client, report.destinationBucket),
    onProgress,
    isCancelled,
    { fileBytes: serverEnv().limits.inventoryFileBytes, lineBytes: serverEnv().limits.csvLineBytes },
  );
}
