import "server-only";
import { DescribeTrailsCommand, type Trail } from "@aws-sdk/client-cloudtrail";
import { GetObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { cloudTrailClient, s3Client } from "@/lib/aws/clients";
import { defaultRegion } from "@/lib/aws/client-config";
import { toAppError } from "@/lib/aws/errors";
import { bucketRegion } from "@/lib/buckets/bucket-region";
import type { LogFile } from "./ingest-files";

// Source 1: the trail's log files in S3. DescribeTrails names the bucket and prefix; the
// files sit under <prefix>/AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/ or, for an
// organization trail, <prefix>/AWSLogs/<org-id>/<account>/CloudTrail/... Digest files
// (CloudTrail-Digest/) and anything else in the bucket are left alone.

export type TrailLocation = { trail: string; bucket: string; prefix: string };

const logKeyPattern =
  /(?:^|\/)AWSLogs\/(?:o-[a-z0-9]{10,32}\/)?\d{12}\/CloudTrail\/[a-z0-9-]+\/\d{4}\/\d{2}\/\d{2}\/[^/]+\.json\.gz$/;

const isTrailLogKey = (key: string): boolean => logKeyPattern.test(key);

/** The account's trails as DescribeTrails lists them in the default region (`region`). */
export type DescribedTrails = { region: string; trails: Trail[] };

/**
 * Every trail the account's default region knows, multi-region trails from other home regions
 * included. One call per ingestion pass: the log-file source and the coverage check share it.
 */
export async function describeTrails(): Promise<DescribedTrails> {
  const region = await defaultRegion();
  try {
    const answer = await cloudTrailClient(region).send(new DescribeTrailsCommand({ includeShadowTrails: true }));
    return { region, trails: answer.trailList ?? [] };
  } catch (err) {
    throw toAppError(err, "cloudtrail:DescribeTrails", "trails");
  }
}

/** Trails that deliver to S3, one entry per bucket and prefix (shadow trails of multi-region trails included once). */
export function findTrailLocations({ trails }: DescribedTrails): TrailLocation[] {
  const seen = new Map<string, TrailLocation>();
  for (const t of trails) {
    if (!t.S3BucketName) continue;
    const prefix = (t.S3KeyPrefix ?? "").replace(/\/+$/, "");
    const id = `${t.S3BucketName}/${prefix}`;
    if (!seen.has(id)) seen.set(id, { trail: t.Name ?? t.TrailARN ?? "trail", bucket: t.S3BucketName, prefix });
  }
  return [...seen.values()];
}

/** Every CloudTrail log file under the location, with its ETag (the receipt key for incremental runs). */
export async function listLogFiles(location: TrailLocation): Promise<LogFile[]> {
  const s3 = s3Client(await bucketRegion(location.bucket));
  const files: LogFile[] = [];
  let token: string | undefined;
  const prefix = `${location.prefix ? `${location.prefix}/` : ""}AWSLogs/`;
  do {
    let page;
    try {
      page = await s3.send(
        new ListObjectsV2Command({ Bucket: location.bucket, Prefix: prefix, ContinuationToken: token }),
      );
    } catch (err) {
      throw toAppError(err, "s3:ListBucket", location.bucket);
    }
    for (const o of page.Contents ?? []) {
      if (o.Key && o.ETag && isTrailLogKey(o.Key))
        files.push({ key: `s3://${location.bucket}/${o.Key}`, etag: o.ETag });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return files;
}

/** Reads a log file named by listLogFiles (s3://bucket/key). */
export async function readS3LogFile(file: LogFile): Promise<Buffer> {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(file.key);
  if (!match) throw new Error(`not an s3:// location: ${file.key}`);
  const [, bucket, key] = match as unknown as [string, string, string];
  try {
    const response = await s3Client(await bucketRegion(bucket)).send(
      new GetObjectCommand({ Bucket: bucket, Key: key, IfMatch: file.etag }),
    );
    return Buffer.from(await response.Body!.transformToByteArray());
  } catch (err) {
    throw toAppError(err, "s3:GetObject", `${bucket}/${key}`);
  }
}
