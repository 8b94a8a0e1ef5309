import { z } from "zod";

// The default-encryption configuration exactly as S3 stores it (GetBucketEncryption /
// PutBucketEncryption's ServerSideEncryptionConfiguration), in the SDK's own field names, so the
// server hands it to PutBucketEncryption as is and the browser shows it as S3 has it. What S3 answers
// enters this type in lib/inventory/posture.ts (readEncryptionConfig), where tsc checks the two agree.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_ServerSideEncryptionConfiguration.html

/** Every ServerSideEncryption value the SDK models (aws:fsx and aws:backup too), so whatever S3 reports parses. */
const sseAlgorithmSchema = z.enum(["AES256", "aws:backup", "aws:fsx", "aws:kms", "aws:kms:dsse"]);

const encryptionByDefaultSchema = z.object({
  SSEAlgorithm: sseAlgorithmSchema,
  /** Key ARN, key id or alias; set only for aws:kms and aws:kms:dsse. */
  KMSMasterKeyID: z.string().optional(),
});
export type EncryptionByDefault = z.infer<typeof encryptionByDefaultSchema>;

const encryptionRuleSchema = z.object({
  ApplyServerSideEncryptionByDefault: encryptionByDefaultSchema.optional(),
  BucketKeyEnabled: z.boolean().optional(),
  /** Encryption types that writes to the bucket may not use (SSE-C blocking); Save carries them over. */
  BlockedEncryptionTypes: z.object({ EncryptionType: z.array(z.enum(["NONE", "SSE-C"])).optional() }).optional(),
});
export type EncryptionRule = z.infer<typeof encryptionRuleSchema>;

export const encryptionConfigSchema = z.object({ Rules: z.array(encryptionRuleSchema) });
export type EncryptionConfig = z.infer<typeof encryptionConfigSchema>;
