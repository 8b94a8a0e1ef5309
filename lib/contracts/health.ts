import { z } from "zod";

export const healthSchema = z.object({
  ok: z.boolean(),
  identity: z.object({ account: z.string(), arn: z.string() }).nullable(),
  region: z.string(),
  endpoint: z.string(), // "aws", or the emulator URL
  readOnly: z.boolean(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type Health = z.infer<typeof healthSchema>;
