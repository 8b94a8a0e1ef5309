// The buckets and key the least-privilege tests read as a restricted IAM user.
import {
  CreateBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketVersioningCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { CreateAliasCommand, CreateKeyCommand, KMSClient } from "@aws-sdk/client-kms";

export const iamBuckets = { kms: "iam-kms-bucket", sses3: "iam-sses3-bucket", none: "iam-plain-bucket" };
export const iamKeyAlias = "alias/iam-test-key";

export async function seedIamScenario(
  url: string,
  credentials: { accessKeyId: string; secretAccessKey: string },
): Promise<void> {
  const s3 = new S3Client({ region: "us-east-1", endpoint: url, forcePathStyle: true, credentials });
  const kms = new KMSClient({ region: "us-east-1", endpoint: url, credentials });
  const key = await kms.send(new CreateKeyCommand({ Description: "iam test" }));
  await kms.send(new CreateAliasCommand({ AliasName: iamKeyAlias, TargetKeyId: key.KeyMetadata!.KeyId! }));
  for (const b of Object.values(iamBuckets)) await s3.send(new CreateBucketCommand({ Bucket: b }));
  const rule = (SSEAlgorithm: "AES256" | "aws:kms", KMSMasterKeyID?: string) => ({
    Rules: [
      {
        ApplyServerSideEncryptionByDefault: { SSEAlgorithm, KMSMasterKeyID },
        BucketKeyEnabled: SSEAlgorithm === "aws:kms",
      },
    ],
  });
  await s3.send(
    new PutBucketEncryptionCommand({
      Bucket: iamBuckets.kms,
      ServerSideEncryptionConfiguration: rule("aws:kms", key.KeyMetadata!.Arn!),
    }),
  );
  await s3.send(
    new PutBucketEncryptionCommand({ Bucket: iamBuckets.sses3, ServerSideEncryptionConfiguration: rule("AES256") }),
  );
  await s3.send(
    new PutBucketVersioningCommand({ Bucket: iamBuckets.kms, VersioningConfiguration: { Status: "Enabled" } }),
  );
}
