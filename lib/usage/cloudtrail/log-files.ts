import "server-only";
import { DescribeTrailsCommand, type Trail } from "@aws-sdk/client-cloudtrail";
import { GetObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { cloudTrailClient, s3Client } from "@/lib/aws/clients";
import { defaultRegion } from "@/lib/aws/client-config";
import { awsCallError, send } from "@/lib/aws/send";
import { bucketRegion } from "@/lib/aws/bucket-region";
import { serverEnv } from "@/lib/runtime/env";
import type { LogFile } from "./ingest-files";

// Source 1: the trail's log files in S3. DescribeTrails names the bucket and prefix; the
// files sit under <prefix>/AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/ or, for an
// organization trail, <prefix>/AWSLogs/<org-id>/<account>/CloudTrail/... Digest files
// (CloudTrail-Digest/) and anything else in the bucket are left alone.

/** A bucket and prefix some trails deliver to; `trail` names the first, `trailIds` are all of them. */
export type TrailLocation = { trail: string; trailIds: string[]; bucket: string; prefix: string };

/** A log file and the region whose calls it holds (the key says). */
type RegionLogFile = LogFile & { region: string };

const logKeyPattern =
  /(?:^|\/)AWSLogs\/(?:o-[a-z0-9]{10,32}\/)?\d{12}\/CloudTrail\/([a-z0-9-]+)\/\d{4}\/\d{2}\/\d{2}\/[^/]+\.json\.gz$/;

/** The account's trails as DescribeTrails lists them in the default region (`region`). */
export type DescribedTrails = { region: string; trails: Trail[] };

/**
 * Every trail the account's default region knows, multi-region trails from other home regions
 * included. One call per ingestion pass: the log-file source and the coverage check share it.
 */
export async function describeTrails(): Promise<DescribedTrails> {
  const region = await defaultRegion();
  const answer = await send(
    cloudTrailClient(region),
    new DescribeTrailsCommand({ includeShadowTrails: true }),
    "trails",
  );
  return { region, trails: answer.trailList ?? [] };
}

/** How a trail is named across calls: its ARN (names are unique per region only). */
export const trailId = (t: Trail): string => t.TrailARN ?? t.Name ?? "";

/** Trails that deliver to S3, one entry per bucket and prefix (shadow trails of multi-region trails included once). */
export function findTrailLocations({ trails }: DescribedTrails): TrailLocation[] {
  const seen = new Map<string, TrailLocation>();
  for (const t of trails) {
    if (!t.S3BucketName) continue;
    const prefix = (t.S3KeyPrefix ?? "").replace(/\/+$/, "");
    const id = `${t.S3BucketName}/${prefix}`;
    const location = seen.get(id);
    if (!location)
      seen.set(id, { trail: t.Name ?? trailId(t), trailIds: [trailId(t)], bucket: t.S3BucketName, prefix });
    else if (!location.trailIds.includes(trailId(t))) location.trailIds.push(trailId(t));
  }
  return [...seen.values()];
}

/** Every CloudTrail log file under the bucket and prefix, with its ETag (the receipt key for incremental runs). */
export async function listLogFiles(location: Pick<TrailLocation, "bucket" | "prefix">): Promise<RegionLogFile[]> {
  const s3 = s3Client(await bucketRegion(location.bucket));
  const files: RegionLogFile[] = [];
  let token: string | undefined;
  const prefix = `${location.prefix ? `${location.prefix}/` : ""}AWSLogs/`;
  do {
    const page = await send(
      s3,
      new ListObjectsV2Command({ Bucket: location.bucket, Prefix: prefix, ContinuationToken: token }),
      location.bucket,
    );
    for (const o of page.Contents ?? []) {
      const region = o.Key ? logKeyPattern.exec(o.Key)?.[1] : undefined;
      if (o.Key && o.ETag && region) files.push({ key: `s3://${location.bucket}/${o.Key}`, etag: o.ETag, region });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return files;
}

class LogFileTooLarge extends Error {}

/** Reads a log file named by listLogFiles (s3://bucket/key). */
export async function readS3LogFile(file: LogFile): Promise<Buffer> {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(file.key);
  if (!match) throw new Error(`not an s3:// location: ${file.key}`);
  const [, bucket, key] = match as unknown as [string, string, string];
  try {
    const response = await s3Client(await bucketRegion(bucket)).send(
      new GetObjectCommand({ Bucket: bucket, Key: key, IfMatch: file.etag }),
    );
    // Compressed, a file is smaller still than the decompressed cap: a larger one is not read into memory at all.
    const limit = serverEnv().limits.logFileBytes;
    if ((response.ContentLength ?? 0) > limit) {
      (response.Body as { destroy?: () => void } | undefined)?.destroy?.();
      throw new LogFileTooLarge(
        `${response.ContentLength} bytes, more than the limit for one log file (CONSOLE_MAX_LOG_FILE_MB=${limit / 2 ** 20})`,
      );
    }
    return Buffer.from(await response.Body!.transformToByteArray());
  } catch (err) {
    if (err instanceof LogFileTooLarge) throw err;
    throw awsCallError(err, "GetObject", `${bucket}/${key}`);
  }
}
