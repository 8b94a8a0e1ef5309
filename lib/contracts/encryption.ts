import { z } from "zod";
import { encryptionConfigSchema } from "./encryption-config";
import { bucketEncryptionSchema, kmsKeyStateSchema } from "./inventory";
import { awsRegionSchema } from "./region";
import { writeStatusSchema, writeStepSchema } from "./write-status";

// Contracts of the encryption wizard: the proposed setting, pre-flight checks, apply, history.

const proposedEncryptionSchema = z
  .object({
    type: z.enum(["SSE-S3", "SSE-KMS", "DSSE-KMS"]),
    /** Key ARN, key id, alias name or alias ARN; resolved to the key ARN before saving. */
    kmsKeyId: z.string().trim().min(1).max(2048).nullable().default(null),
    bucketKeyEnabled: z.boolean(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.type === "DSSE-KMS" && v.bucketKeyEnabled) {
      ctx.addIssue({
        code: "custom",
        path: ["bucketKeyEnabled"],
        message: "S3 Bucket Keys are not supported with DSSE-KMS: turn the Bucket Key off or choose SSE-KMS.",
      });
    }
    if (v.type === "SSE-S3" && v.kmsKeyId) {
      ctx.addIssue({
        code: "custom",
        path: ["kmsKeyId"],
        message: "SSE-S3 uses S3 managed keys: do not name a KMS key.",
      });
    }
    if (v.type !== "SSE-S3" && !v.kmsKeyId) {
      ctx.addIssue({
        code: "custom",
        path: ["kmsKeyId"],
        message: `${v.type} needs a KMS key: choose one, enter its ARN, or create one.`,
      });
    }
  });
export type ProposedEncryption = z.infer<typeof proposedEncryptionSchema>;

const checkSchema = z.object({
  id: z.string(),
  status: z.enum(["pass", "warn", "fail"]),
  title: z.string(),
  message: z.string(),
  /** The policy statements a warning is about, each with the policy it is in; shown as JSON. */
  evidence: z
    .array(z.object({ in: z.enum(["key policy", "bucket policy"]), statement: z.record(z.string(), z.unknown()) }))
    .optional(),
});
export type PreflightCheck = z.infer<typeof checkSchema>;

const codeSnippetsSchema = z.object({ cli: z.string(), terraform: z.string(), cloudformation: z.string() });
export type CodeSnippets = z.infer<typeof codeSnippetsSchema>;

export const currentEncryptionSchema = z.object({
  bucket: z.string(),
  region: z.string(),
  encryption: bucketEncryptionSchema,
  /** The configuration as S3 stores it, null when the bucket has none. */
  raw: encryptionConfigSchema.nullable(),
  /** A hash of the raw configuration: PUT must name it, so a change made since review is caught. */
  version: z.string(),
});
export type CurrentEncryption = z.infer<typeof currentEncryptionSchema>;

export const preflightRequestSchema = z.object({ config: proposedEncryptionSchema }).strict();

export const preflightResultSchema = z.object({
  current: currentEncryptionSchema,
  proposed: bucketEncryptionSchema,
  /** The exact ServerSideEncryptionConfiguration that Save will put. */
  putConfiguration: encryptionConfigSchema,
  checks: z.array(checkSchema),
  code: codeSnippetsSchema,
});
export type PreflightResult = z.infer<typeof preflightResultSchema>;

export const applyRequestSchema = z
  .object({
    config: proposedEncryptionSchema,
    expectedVersion: z.string().regex(/^[0-9a-f]{16}$/, "expectedVersion must be the version from GET …/encryption"),
    /** Ids of the warnings the user acknowledged; every warning must be listed. */
    acknowledgedWarnings: z.array(z.string().max(100)).max(50).default([]),
  })
  .strict();

const changeSchema = z.object({
  id: z.number(),
  at: z.string(),
  /** The bucket's account; null for changes recorded before the console served several accounts (its own). */
  account: z.string().nullable(),
  bucket: z.string(),
  region: z.string(),
  actor: z.string(),
  user: z.string().nullable(),
  kind: z.enum(["apply", "rollback"]),
  before: bucketEncryptionSchema,
  /** What S3 reported after an applied change; what was put while pending, unknown or failed. */
  after: bucketEncryptionSchema,
  beforeRaw: encryptionConfigSchema.nullable(),
  afterRaw: encryptionConfigSchema.nullable(),
  /** The settled outcome; null while the change is pending or unknown (see status). */
  result: z.enum(["applied", "failed"]).nullable(),
  /** Recorded before the call to S3, settled after it; unknown until S3 is read again. */
  status: writeStatusSchema,
  /** What happened to the change, oldest first (sent, no answer, checked…). */
  steps: z.array(writeStepSchema),
  message: z.string().nullable(),
  rolledBackBy: z.number().nullable(),
});
export type Change = z.infer<typeof changeSchema>;

export const applyResultSchema = z.object({
  current: currentEncryptionSchema,
  verified: z.boolean(),
  change: changeSchema,
});
export type ApplyResult = z.infer<typeof applyResultSchema>;

export const changesSchema = z.object({ changes: z.array(changeSchema) });

/** POST /api/changes/:id/check: the change after reading its bucket (settled, or still unknown with why). */
export const checkedChangeSchema = z.object({ change: changeSchema });

const kmsKeyOptionSchema = kmsKeyStateSchema.extend({
  region: z.string(),
  /** False for keys that cannot serve as the bucket's key, with the reason. */
  usable: z.boolean(),
  reason: z.string().nullable(),
});
export type KmsKeyOption = z.infer<typeof kmsKeyOptionSchema>;

export const kmsKeysSchema = z.object({ region: z.string(), keys: z.array(kmsKeyOptionSchema) });

/** POST /api/kms/keys: the key just created, as the key list shows it. */
export const createdKeySchema = z.object({ key: kmsKeyOptionSchema });

export const createKeyRequestSchema = z
  .object({
    region: awsRegionSchema,
    alias: z
      .string()
      .regex(
        /^alias\/(?!aws\/)[a-zA-Z0-9/_-]{1,250}$/,
        "an alias is alias/<name> with letters, digits, /, _ or - and must not start with alias/aws/",
      ),
    description: z.string().max(200).default("S3 default encryption key created by Bucket Key Console"),
  })
  .strict();
