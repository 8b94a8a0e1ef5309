import { z } from "zod";
import { awsRegionSchema } from "./region";

// The Bucket Key guardrail, generated for review (GET /api/settings/inventory-source carries it).
export const guardrailSchema = z.object({
  ruleName: z.string(),
  /** The AWS Config custom policy rule (CloudFormation Guard 2.x), evaluated on each bucket's configuration item. */
  guard: z.string(),
  /** A CloudFormation template (JSON) for one account, a StackSet or a conformance pack. */
  cloudFormation: z.string(),
  terraform: z.string(),
});
export type Guardrail = z.infer<typeof guardrailSchema>;

/** POST /api/inventory/config/guardrail?account=<id>: put the rule in that account (the console's own without it). */
export const guardrailApplyRequestSchema = z.object({ region: awsRegionSchema }).strict();

/** The rule as AWS Config holds it after the write was read back; writeId is its record in History. */
export const guardrailAppliedSchema = z.object({
  account: z.string(),
  region: z.string(),
  ruleName: z.string(),
  ruleArn: z.string().nullable(),
  writeId: z.number(),
});
export type GuardrailApplied = z.infer<typeof guardrailAppliedSchema>;

/** GET /api/inventory/config/guardrail: per account, where the rule is in place and the buckets it flags. */
export const guardrailComplianceSchema = z.object({
  ruleName: z.string(),
  /** The aggregator asked; null while the inventory source is direct (no aggregator to read compliance from). */
  aggregator: z.object({ name: z.string(), region: z.string() }).nullable(),
  accounts: z.array(
    z.object({
      account: z.string(),
      /** The regions where the rule is in place, with its compliance there; empty: the guardrail is not in place. */
      regions: z.array(z.object({ region: z.string(), compliance: z.string() })),
      /** NON_COMPLIANT buckets, the first 100; flaggedCount counts them all (as Config caps it, at 100 a region). */
      flagged: z.array(z.object({ bucket: z.string(), region: z.string() })),
      flaggedCount: z.number(),
    }),
  ),
});
export type GuardrailCompliance = z.infer<typeof guardrailComplianceSchema>;
