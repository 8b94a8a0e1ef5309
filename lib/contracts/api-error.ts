import { z } from "zod";

// The one error body every API route answers with; the UI shows `message` as written.
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
    requestId: z.string().optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;

export const encryptionTypeSchema = z.enum(["SSE-S3", "SSE-KMS", "DSSE-KMS", "NONE"]);
export type EncryptionType = z.infer<typeof encryptionTypeSchema>;

/** What went wrong with one item of a list (a bucket, an account) while the rest could be read. */
export const bucketErrorSchema = z.object({ code: z.string(), message: z.string() });
