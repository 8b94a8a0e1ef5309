// The demo's AWS Config aggregator: one in the console's account (us-east-1) covering the demo
// account, data-platform and an Organization member the console has no role in (444444444444),
// whose buckets only Config shows. moto keeps the aggregator; scripts/config-double answers its queries.
import { ConfigServiceClient, PutConfigurationAggregatorCommand } from "@aws-sdk/client-config-service";
import { CreateBucketCommand, ListBucketsCommand, PutBucketEncryptionCommand, S3Client } from "@aws-sdk/client-s3";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";

export const demoAggregator = { name: "bkc-demo-aggregator", region: "us-east-1" };
export const configOnlyAccount = "444444444444";
const configOnlyBuckets = ["bkc-member-analytics", "bkc-member-archive"];

const testing = { accessKeyId: "testing", secretAccessKey: "testing" };

export async function seedDemoAggregator(endpoint: string, accounts: string[]): Promise<void> {
  const { Credentials: c } = await new STSClient({ region: "us-east-1", endpoint, credentials: testing }).send(
    new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${configOnlyAccount}:role/seed`, RoleSessionName: "bkc-demo-seed" }),
  );
  const credentials = {
    accessKeyId: c!.AccessKeyId!,
    secretAccessKey: c!.SecretAccessKey!,
    sessionToken: c!.SessionToken!,
  };
  const s3 = new S3Client({ region: "us-east-1", endpoint, forcePathStyle: true, credentials });
  const existing = new Set(((await s3.send(new ListBucketsCommand({}))).Buckets ?? []).map((b) => b.Name));
  for (const name of configOnlyBuckets)
    if (!existing.has(name)) await s3.send(new CreateBucketCommand({ Bucket: name }));
  // One SSE-KMS bucket without a Bucket Key (aws/s3): a candidate seen only through Config.
  await s3.send(
    new PutBucketEncryptionCommand({
      Bucket: configOnlyBuckets[0],
      ServerSideEncryptionConfiguration: {
        Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms" }, BucketKeyEnabled: false }],
      },
    }),
  );
  await new ConfigServiceClient({ region: demoAggregator.region, endpoint, credentials: testing }).send(
    new PutConfigurationAggregatorCommand({
      ConfigurationAggregatorName: demoAggregator.name,
      AccountAggregationSources: [{ AccountIds: [...accounts, configOnlyAccount], AllAwsRegions: true }],
    }),
  );
}
