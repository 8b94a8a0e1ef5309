import { z } from "zod";

/** When the console has no AWS credentials: what the SDK's chain tried, in order, and the commands that fix it. */
export const credentialHelpSchema = z.object({
  tried: z.array(z.string()),
  /** A command to run (null: a step outside a shell) and what it does. */
  fixes: z.array(z.object({ command: z.string().nullable(), text: z.string() })),
});
export type CredentialHelp = z.infer<typeof credentialHelpSchema>;

export const healthSchema = z.object({
  ok: z.boolean(),
  identity: z.object({ account: z.string(), arn: z.string() }).nullable(),
  region: z.string(),
  endpoint: z.string(), // "aws", or the emulator URL
  readOnly: z.boolean(),
  error: z.object({ code: z.string(), message: z.string(), credentials: credentialHelpSchema.optional() }).optional(),
});
export type Health = z.infer<typeof healthSchema>;
