import "server-only";
import { GetBucketLocationCommand, HeadBucketCommand } from "@aws-sdk/client-s3";
import { s3Client } from "@/lib/aws/clients";
import { defaultRegion } from "@/lib/aws/client-config";
import { send } from "@/lib/aws/send";

// A bucket's region never changes, so it is learnt once and kept.
const known = new Map<string, string>();

export function rememberBucketRegion(bucket: string, region: string): void {
  known.set(bucket, region);
}

export function knownBucketRegion(bucket: string): string | null {
  return known.get(bucket) ?? null;
}

export async function bucketRegion(bucket: string): Promise<string> {
  const hit = known.get(bucket);
  if (hit) return hit;
  const client = s3Client(await defaultRegion());
  let region: string;
  try {
    const out = await send(client, new GetBucketLocationCommand({ Bucket: bucket }), bucket);
    // S3 reports us-east-1 as an empty constraint and the oldest EU buckets as "EU".
    const c = out.LocationConstraint as string | undefined;
    region = !c ? "us-east-1" : c === "EU" ? "eu-west-1" : c;
  } catch (err) {
    // HeadBucket answers with the region header even where GetBucketLocation is denied; when it cannot
    // either, GetBucketLocation's error is the one to report.
    const head = await client.send(new HeadBucketCommand({ Bucket: bucket })).catch(() => null);
    if (!head?.BucketRegion) throw err;
    region = head.BucketRegion;
  }
  known.set(bucket, region);
  return region;
}
