import "server-only";
import type { S3Client } from "@aws-sdk/client-s3";
import { s3DataFiles } from "@/lib/aws/s3-files";
import type { LocatedReport } from "@/lib/objects/inventory-reports/locate";
import { tallyReport } from "@/lib/objects/inventory-reports/reader";
import type { ReportTally } from "@/lib/objects/inventory-reports/tally";
import { serverEnv } from "@/lib/runtime/env";

// The report's data files read from its destination bucket (lib/aws/s3-files.ts).

export function auditReport(
  client: S3Client,
  report: LocatedReport,
  onProgress: (bytesRead: number, rows: number) => void,
  isCancelled: () => boolean,
): Promise<ReportTally> {
  return tallyReport(
    report.manifest,
    report.columns,
    s3DataFiles(client, report.destinationBucket),
    onProgress,
    isCancelled,
    {
      fileBytes: serverEnv().limits.inventoryFileBytes,
      lineBytes: serverEnv().limits.csvLineBytes,
      pageBytes: serverEnv().limits.parquetPageBytes,
      groupRows: serverEnv().limits.parquetGroupRows,
    },
  );
}
