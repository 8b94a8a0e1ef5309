import "server-only";
import { ListBucketsCommand } from "@aws-sdk/client-s3";
import { defaultRegion, s3Client } from "@/lib/aws/clients";
import { toAppError } from "@/lib/aws/errors";
import { rememberBucketRegion } from "@/lib/buckets/bucket-region";
import type { ListedBucket } from "./inventory-store";

// ListBuckets must be paged above 10,000 buckets (an account may have up to 1,000,000): pages of
// MaxBuckets with the ContinuationToken of the previous page. Real AWS names each bucket's region
// (BucketRegion) on paged calls, which saves a GetBucketLocation per bucket; moto omits it.

export const listPageSize = 1000;

export async function* listBucketPages(pageSize = listPageSize): AsyncGenerator<ListedBucket[]> {
  const client = s3Client(await defaultRegion());
  let token: string | undefined;
  do {
    let out;
    try {
      out = await client.send(new ListBucketsCommand({ MaxBuckets: pageSize, ContinuationToken: token }));
    } catch (err) {
      throw toAppError(err, "s3:ListAllMyBuckets", "this account");
    }
    const page: ListedBucket[] = [];
    for (const b of out.Buckets ?? []) {
      if (!b.Name) continue;
      if (b.BucketRegion) rememberBucketRegion(b.Name, b.BucketRegion);
      page.push({ name: b.Name, createdAt: b.CreationDate?.toISOString() ?? null, region: b.BucketRegion ?? null });
    }
    yield page;
    token = out.ContinuationToken;
  } while (token);
}
