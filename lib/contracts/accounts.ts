import { z } from "zod";
import { bucketErrorSchema } from "./api-error";

export const accountIdSchema = z.string().regex(/^\d{12}$/, "an AWS account id has exactly 12 digits");

/** An account the console reads: its own (no role) or one it assumes a role in. */
export type Account = {
  id: string;
  name: string;
  /** null for the console's own account, read with its standard credentials. */
  roleArn: string | null;
  externalId: string | null;
  /** Regions to read KMS and CloudTrail in; null: the regions its buckets live in. */
  regions: string[] | null;
  source: "console" | "file" | "organizations";
};

const accountSchema = z.object({
  id: z.string(),
  name: z.string(),
  /**
   * console: the console's own credentials; file: CONSOLE_ACCOUNTS_FILE; organizations: discovered;
   * config: known only from the AWS Config aggregator (no role: its buckets can be seen, not changed).
   */
  source: z.enum(["console", "file", "organizations", "config"]),
  roleArn: z.string().nullable(),
});

export const accountStatusSchema = accountSchema.extend({
  status: z.enum(["ok", "error"]),
  error: bucketErrorSchema.nullable(),
});

export const accountsSchema = z.object({
  accounts: z.array(accountStatusSchema),
  /** Set when AWS Organizations could not be listed; the accounts shown are the ones still known. */
  discoveryError: z.string().nullable(),
});
export type Accounts = z.infer<typeof accountsSchema>;
