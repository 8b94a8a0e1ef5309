import "server-only";
import {
  GetBucketPolicyCommand,
  PutBucketInventoryConfigurationCommand,
  PutBucketPolicyCommand,
} from "@aws-sdk/client-s3";
import type { InventorySetup, InventorySetupRequest } from "@/lib/contracts/object-inventory";
import { AppError } from "@/lib/contracts/errors";
import { s3Client } from "@/lib/aws/clients";
import { isAwsError } from "@/lib/aws/errors";
import { awsCallError, send } from "@/lib/aws/send";
import { callerIdentity } from "@/lib/aws/identity";
import { bucketRegion } from "@/lib/aws/bucket-region";
import {
  buildInventoryConfiguration,
  inventoryDestinationStatement,
  withInventoryStatement,
} from "@/lib/objects/inventory-reports/setup-request";
import { reportsPrefix } from "@/lib/objects/inventory-reports/manifest";

// Review, then apply, an S3 Inventory configuration for a bucket that has no usable report:
// PutBucketInventoryConfiguration on the bucket and PutBucketPolicy on the destination.

export async function planInventorySetup(
  bucket: string,
  setup: InventorySetupRequest,
  apply = false,
): Promise<InventorySetup> {
  const [region, destinationRegion, { account }] = await Promise.all([
    bucketRegion(bucket),
    bucketRegion(setup.destinationBucket),
    callerIdentity(),
  ]);
  if (region !== destinationRegion)
    throw new AppError(
      "check_failed",
      `${setup.destinationBucket} is in ${destinationRegion} and ${bucket} in ${region}: S3 Inventory writes its ` +
        `reports only to a bucket in the source bucket's region. Choose a destination bucket in ${region}.`,
    );
  const client = s3Client(region);
  const request = buildInventoryConfiguration(bucket, account, setup);
  const destinationStatement = inventoryDestinationStatement(bucket, account, setup);
  const destinationPolicy = withInventoryStatement(
    await bucketPolicy(client, setup.destinationBucket),
    destinationStatement,
  );
  if (apply) {
    // The policy first: S3 checks that it may write to the destination when it delivers, not now.
    await send(
      client,
      new PutBucketPolicyCommand({ Bucket: setup.destinationBucket, Policy: JSON.stringify(destinationPolicy) }),
      setup.destinationBucket,
    );
    await send(client, new PutBucketInventoryConfigurationCommand(request), bucket);
  }
  return {
    bucket,
    request: request as unknown as Record<string, unknown>,
    destinationPolicy,
    destinationStatement,
    applied: apply,
    firstReport:
      `S3 delivers the first report to s3://${setup.destinationBucket}/${reportsPrefix(setup.prefix, bucket, request.Id!)}` +
      " within 48 hours, then daily. Until then the audit reads the objects themselves (HeadObject).",
  };
}

async function bucketPolicy(client: ReturnType<typeof s3Client>, bucket: string): Promise<string | null> {
  try {
    return (await client.send(new GetBucketPolicyCommand({ Bucket: bucket }))).Policy ?? null;
  } catch (err) {
    if (isAwsError(err, "NoSuchBucketPolicy")) return null;
    throw awsCallError(err, "GetBucketPolicy", bucket);
  }
}
