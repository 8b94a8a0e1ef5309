import "server-only";
import { ListBucketsCommand } from "@aws-sdk/client-s3";
import { s3Client } from "@/lib/aws/clients";
import { defaultRegion } from "@/lib/aws/client-config";
import { awsCallError } from "@/lib/aws/send";
import { rememberBucketRegion } from "@/lib/aws/bucket-region";

// ListBuckets must be paged above 10,000 buckets (an account may have up to 1,000,000): pages of
// MaxBuckets with the ContinuationToken of the previous page. Real AWS names each bucket's region
// (BucketRegion) on paged calls, which saves a GetBucketLocation per bucket; moto omits it.

/** A bucket as ListBuckets names it: the only call that tells a bucket's creation date. */
export type ListedBucket = { name: string; createdAt: string | null; region: string | null };

const listPageSize = 1000;

async function listPage(maxBuckets: number | undefined, token: string | undefined, prefix?: string) {
  const client = s3Client(await defaultRegion());
  try {
    const out = await client.send(
      new ListBucketsCommand({ MaxBuckets: maxBuckets, ContinuationToken: token, Prefix: prefix }),
    );
    const page: ListedBucket[] = [];
    for (const b of out.Buckets ?? []) {
      if (!b.Name) continue;
      if (b.BucketRegion) rememberBucketRegion(b.Name, b.BucketRegion);
      page.push({ name: b.Name, createdAt: b.CreationDate?.toISOString() ?? null, region: b.BucketRegion ?? null });
    }
    return { page, token: out.ContinuationToken };
  } catch (err) {
    throw awsCallError(err, "ListBuckets", "this account");
  }
}

export async function* listBucketPages(pageSize = listPageSize): AsyncGenerator<ListedBucket[]> {
  let { page, token } = await listPage(pageSize, undefined);
  // moto (seen Aug 2026) cuts the list at MaxBuckets and returns no ContinuationToken. A full
  // first page without a token is therefore listed again unpaged; on AWS that means exactly
  // pageSize buckets, which an unpaged call returns whole.
  if (page.length === pageSize && !token) ({ page, token } = await listPage(undefined, undefined));
  yield page;
  while (token) {
    ({ page, token } = await listPage(pageSize, token));
    yield page;
  }
}

/** One bucket's creation date, as the inventory's listing reports it; null for a bucket the listing omits. */
export async function bucketCreationDate(name: string): Promise<string | null> {
  let token: string | undefined;
  do {
    const listed = await listPage(undefined, token, name);
    const found = listed.page.find((b) => b.name === name);
    if (found) return found.createdAt;
    token = listed.token;
  } while (token);
  return null;
}
