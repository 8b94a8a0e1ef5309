import {
  CreateBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketVersioningCommand,
  type BucketLocationConstraint,
  type S3Client,
  type ServerSideEncryptionByDefault,
} from "@aws-sdk/client-s3";

/** One bucket of a benchmark's fleet; `kind` (0..4) picks its configuration, so a fleet mixes all five. */
export type BenchBucket = { name: string; region: string; kind: number; keyArn: string };

/** kind 0: no default encryption, 1: SSE-S3, 2: SSE-KMS, 3: SSE-KMS + Bucket Key, 4: SSE-KMS, versioned. */
export async function createBenchBucket(s3: S3Client, { name, region, kind, keyArn }: BenchBucket): Promise<void> {
  await s3.send(
    new CreateBucketCommand({
      Bucket: name,
      ...(region === "us-east-1"
        ? {}
        : { CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint } }),
    }),
  );
  if (kind === 0) return;
  const sse: ServerSideEncryptionByDefault =
    kind === 1 ? { SSEAlgorithm: "AES256" } : { SSEAlgorithm: "aws:kms", KMSMasterKeyID: keyArn };
  await s3.send(
    new PutBucketEncryptionCommand({
      Bucket: name,
      ServerSideEncryptionConfiguration: {
        Rules: [{ ApplyServerSideEncryptionByDefault: sse, BucketKeyEnabled: kind === 3 }],
      },
    }),
  );
  if (kind === 4)
    await s3.send(new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: "Enabled" } }));
}
