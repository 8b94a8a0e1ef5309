import "server-only";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { s3Client } from "@/lib/aws/clients";
import { awsCallError } from "@/lib/aws/send";
import { bucketRegion } from "@/lib/aws/bucket-region";
import type { TrailLocation } from "./log-files";
import type { TrailSize } from "@/lib/usage/source-recommendation";

// Where an account's logs sit in a trail's bucket and how much arrives a day, from a few
// delimited listings (never the whole bucket): AWSLogs/<account>/ or, for an organization
// trail, AWSLogs/<org-id>/<account>/; then one folder per region and per day.

export type TrailLayout = { location: TrailLocation; bucketRegion: string; orgId?: string; regions: string[] };

const dayMs = 86_400_000;

async function folders(location: TrailLocation, prefix: string): Promise<string[]> {
  const s3 = s3Client(await bucketRegion(location.bucket));
  const names: string[] = [];
  let token: string | undefined;
  do {
    let page;
    try {
      page = await s3.send(
        new ListObjectsV2Command({ Bucket: location.bucket, Prefix: prefix, Delimiter: "/", ContinuationToken: token }),
      );
    } catch (err) {
      throw awsCallError(err, "ListObjectsV2", location.bucket);
    }
    for (const p of page.CommonPrefixes ?? []) if (p.Prefix) names.push(p.Prefix.slice(prefix.length, -1));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return names;
}

const base = (location: TrailLocation) => `${location.prefix ? `${location.prefix}/` : ""}AWSLogs/`;
const cloudTrailFolder = (layout: Pick<TrailLayout, "location" | "orgId">, account: string) =>
  `${base(layout.location)}${layout.orgId ? `${layout.orgId}/` : ""}${account}/CloudTrail/`;

/** The account's folder in the trail's bucket, or null when the trail holds no logs of this account. */
export async function trailLayout(location: TrailLocation, account: string): Promise<TrailLayout | null> {
  const top = await folders(location, base(location));
  let orgId: string | undefined;
  if (!top.includes(account)) {
    for (const org of top.filter((name) => /^o-[a-z0-9]{10,32}$/.test(name))) {
      if ((await folders(location, `${base(location)}${org}/`)).includes(account)) orgId = org;
    }
    if (!orgId) return null;
  }
  const regions = await folders(location, cloudTrailFolder({ location, orgId }, account));
  return { location, bucketRegion: await bucketRegion(location.bucket), orgId, regions };
}

/** Bytes and files per day over the last `days` full days (UTC), across the account's region folders. */
export async function trailSize(
  layout: TrailLayout,
  account: string,
  nowMs: number,
  days = 3,
): Promise<NonNullable<TrailSize>> {
  const s3 = s3Client(layout.bucketRegion);
  const today = Math.floor(nowMs / dayMs) * dayMs;
  let bytes = 0;
  let files = 0;
  for (const region of layout.regions) {
    for (let d = 1; d <= days; d++) {
      const prefix = `${cloudTrailFolder(layout, account)}${region}/${new Date(today - d * dayMs).toISOString().slice(0, 10).replaceAll("-", "/")}/`;
      let token: string | undefined;
      do {
        let page;
        try {
          page = await s3.send(
            new ListObjectsV2Command({ Bucket: layout.location.bucket, Prefix: prefix, ContinuationToken: token }),
          );
        } catch (err) {
          throw awsCallError(err, "ListObjectsV2", layout.location.bucket);
        }
        for (const o of page.Contents ?? []) {
          bytes += o.Size ?? 0;
          files++;
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    }
  }
  const trail = `s3://${layout.location.bucket}${layout.location.prefix ? `/${layout.location.prefix}` : ""}`;
  return { trail, bytesPerDay: bytes / days, filesPerDay: files / days, days };
}
