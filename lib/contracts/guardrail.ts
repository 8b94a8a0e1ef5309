import { z } from "zod";

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
