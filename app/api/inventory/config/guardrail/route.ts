// GET /api/inventory/config/guardrail — where the Bucket Key guardrail is in place, per account, and the buckets it flags
// (the aggregator's compliance); POST ?account=<id> — put the rule in that account and region, recorded and read back
import { route } from "@/lib/http/route";
import {
  guardrailAppliedSchema,
  guardrailApplyRequestSchema,
  guardrailComplianceSchema,
} from "@/lib/contracts/guardrail";
import { guardrailCompliance } from "@/lib/inventory/config/guardrail-compliance";
import { applyGuardrail } from "@/lib/inventory/config/guardrail-rule";

export const dynamic = "force-dynamic";

export const GET = route({ response: guardrailComplianceSchema }, () => guardrailCompliance());

export const POST = route(
  { body: guardrailApplyRequestSchema, response: guardrailAppliedSchema, mutation: true },
  ({ body }) => applyGuardrail(body.region),
);
