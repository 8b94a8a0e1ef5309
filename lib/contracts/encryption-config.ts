import { z } from "zod";

// The default-encryption configuration exactly as S3 stores it (GetBucketEncryption /
// PutBucketEncryption's ServerSideEncryptionConfiguration), in the SDK's own field names, so the
// server passes it to and from the SDK without conversion and the browser shows it as S3 has it.
// lib/buckets/encryption-config-sdk.ts checks that this type and the SDK's stay interchangeable.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_ServerSideEncryptionConfiguration.html

/** The SDK's ServerSideEncryption values: aws:fsx and aws:backup are what FSx and AWS Backup buckets report. */
export const sseAlgorithmSchema = z.enum(["AES256", "aws:backup", "aws:fsx", "aws:kms", "aws:kms:dsse"]);

export const encryptionByDefaultSchema = z.object({
  SSEAlgorithm: sseAlgorithmSchema,
  /** Key ARN, key id or alias; set only for aws:kms and aws:kms:dsse. */
  KMSMasterKeyID: z.string().optional(),
});
export type EncryptionByDefault = z.infer<typeof encryptionByDefaultSchema>;

export const encryptionRuleSchema = z.object({
  ApplyServerSideEncryptionByDefault: encryptionByDefaultSchema.optional(),
  BucketKeyEnabled: z.boolean().optional(),
  /** Encryption types that writes to the bucket may not use (S3 blocks SSE-C on new buckets since 2026). */
  BlockedEncryptionTypes: z.object({ EncryptionType: z.array(z.enum(["NONE", "SSE-C"])).optional() }).optional(),
});
export type EncryptionRule = z.infer<typeof encryptionRuleSchema>;

export const encryptionConfigSchema = z.object({ Rules: z.array(encryptionRuleSchema) });
export type EncryptionConfig = z.infer<typeof encryptionConfigSchema>;
