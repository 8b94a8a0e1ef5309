import "server-only";
import {
  ListBucketInventoryConfigurationsCommand,
  paginateListObjectsV2,
  type InventoryConfiguration,
  type S3Client,
} from "@aws-sdk/client-s3";
import type { InventoryReportSummary, InventoryStatus } from "@/lib/contracts/object-inventory";
import { AppError } from "@/lib/contracts/errors";
import { s3Client } from "@/lib/aws/clients";
import { awsCallError, send } from "@/lib/aws/send";
import { bucketRegion } from "@/lib/aws/bucket-region";
import { readSmallObject } from "@/lib/aws/s3-files";
import { reportColumns, type ReportColumns } from "@/lib/objects/inventory-reports/schema";
import { serverEnv } from "@/lib/runtime/env";
import { overLimit } from "@/lib/objects/inventory-reports/limits";
import {
  parseReportManifest,
  reportFolderPattern,
  reportsPrefix,
  type ReportManifest,
} from "@/lib/objects/inventory-reports/manifest";

// Finds a bucket's latest usable S3 Inventory report: its configurations
// (ListBucketInventoryConfigurations), each one's newest dated folder in the destination bucket,
// and that folder's manifest.json. Usable means CSV or Parquet with the fields the audit counts.

export type LocatedReport = InventoryReportSummary & { manifest: ReportManifest; columns: ReportColumns };

const bucketName = (arn: string) => arn.replace(/^arn:aws[a-z-]*:s3:::/, "");

export async function listInventoryConfigurations(client: S3Client, bucket: string): Promise<InventoryConfiguration[]> {
  const out: InventoryConfiguration[] = [];
  let token: string | undefined;
  do {
    const page = await send(
      client,
      new ListBucketInventoryConfigurationsCommand({ Bucket: bucket, ContinuationToken: token }),
      bucket,
    );
    out.push(...(page.InventoryConfigurationList ?? []));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return out;
}

/** The bucket's inventory configurations and the newest report the audit can read, or why there is none. */
export async function inventoryStatus(
  client: S3Client,
  bucket: string,
): Promise<InventoryStatus & { located: LocatedReport | null }> {
  const configs = await listInventoryConfigurations(client, bucket);
  const configurations = configs.map((c) => ({
    id: c.Id ?? "",
    enabled: c.IsEnabled === true,
    destinationBucket: bucketName(c.Destination?.S3BucketDestination?.Bucket ?? ""),
    prefix: c.Destination?.S3BucketDestination?.Prefix ?? "",
    format: c.Destination?.S3BucketDestination?.Format ?? "",
    frequency: c.Schedule?.Frequency ?? "",
  }));
  if (configs.length === 0)
    return {
      bucket,
      configurations,
      report: null,
      located: null,
      problem: `${bucket} has no S3 Inventory configuration.`,
    };
  const problems: string[] = [];
  const found: LocatedReport[] = [];
  for (const c of configurations) {
    if (!c.enabled) {
      problems.push(`Inventory "${c.id}" is disabled.`);
      continue;
    }
    try {
      const report = await latestReport(client, bucket, c.id, c.destinationBucket, c.prefix);
      if (report) found.push(report);
      else problems.push(`Inventory "${c.id}" has delivered no report yet: the first arrives within 48 hours.`);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      problems.push(err.message);
    }
  }
  found.sort((a, b) => b.reportDate.localeCompare(a.reportDate));
  const located = found[0] ?? null;
  const report = located && summarize(located);
  return { bucket, configurations, report, located, problem: located ? null : problems.join(" ") };
}

function summarize(r: LocatedReport): InventoryReportSummary {
  const { configId, destinationBucket, manifestKey, reportDate, format, files, bytes } = r;
  return { configId, destinationBucket, manifestKey, reportDate, format, files, bytes };
}

async function latestReport(
  client: S3Client,
  bucket: string,
  configId: string,
  destination: string,
  destinationPrefix: string,
): Promise<LocatedReport | null> {
  const prefix = reportsPrefix(destinationPrefix, bucket, configId);
  const dates: string[] = [];
  try {
    for await (const page of paginateListObjectsV2({ client }, { Bucket: destination, Prefix: prefix, Delimiter: "/" }))
      for (const p of page.CommonPrefixes ?? [])
        if (p.Prefix && reportFolderPattern.test(p.Prefix)) dates.push(p.Prefix);
  } catch (err) {
    throw awsCallError(err, "ListObjectsV2", `${destination}/${prefix}`);
  }
  // Newest first; a folder without manifest.json is a report S3 is still writing.
  for (const folder of dates.sort().reverse()) {
    const manifestKey = `${folder}manifest.json`;
    const text = await readText(client, destination, manifestKey);
    if (text === null) continue;
    const where = `The inventory report s3://${destination}/${manifestKey}`;
    const manifest = parseReportManifest(text, where);
    if (manifest.fileFormat === "ORC")
      throw new AppError(
        "check_failed",
        `Inventory "${configId}" writes ORC, which the console does not read: change its format to CSV (also usable ` +
          "as a Batch Operations manifest) or Parquet.",
      );
    return {
      configId,
      destinationBucket: destination,
      manifestKey,
      reportDate: new Date(Number(manifest.creationTimestamp)).toISOString(),
      format: manifest.fileFormat,
      files: manifest.files.length,
      bytes: manifest.files.reduce((s, f) => s + f.size, 0),
      manifest,
      columns: reportColumns(manifest.fileFormat, manifest.fileSchema, where),
    };
  }
  return null;
}

function readText(client: S3Client, bucket: string, key: string): Promise<string | null> {
  const limit = serverEnv().limits.manifestBytes;
  return readSmallObject(client, bucket, key, limit, () =>
    overLimit(`s3://${bucket}/${key}`, "is", limit, "CONSOLE_MAX_MANIFEST_MB"),
  );
}

/** What GET /api/buckets/:name/objects/inventory answers: the configurations and the usable report. */
export async function bucketInventoryStatus(bucket: string): Promise<InventoryStatus> {
  const status = await inventoryStatus(s3Client(await bucketRegion(bucket)), bucket);
  return { bucket, configurations: status.configurations, report: status.report, problem: status.problem };
}
