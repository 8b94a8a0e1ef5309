import {
  configLoadSchema,
  inventorySourceStatusSchema,
  type ConfigLoad,
  type InventorySourceSettings,
} from "@/lib/contracts/config-source";
import { guardrailAppliedSchema, guardrailComplianceSchema } from "@/lib/contracts/guardrail";
import { withAccount } from "@/lib/contracts/hrefs";
import { fetchJson, sendJson } from "../fetch-json";

// The organization-wide inventory source (Settings) and the AWS Config aggregator's passes.

/** GET /api/settings/inventory-source */
export const getInventorySource = () => fetchJson("/api/settings/inventory-source", inventorySourceStatusSchema);

/** PUT /api/settings/inventory-source — choosing an aggregator starts its full load. */
export const saveInventorySource = (body: InventorySourceSettings) =>
  sendJson("PUT", "/api/settings/inventory-source", inventorySourceStatusSchema, body);

const passSchema = configLoadSchema.nullable();

/** POST /api/inventory/config — a full load or an incremental pass now; DELETE cancels the running one. */
export const startConfigPass = (kind: ConfigLoad["kind"]) =>
  sendJson("POST", "/api/inventory/config", passSchema, { kind });
export const cancelConfigPass = () => sendJson("DELETE", "/api/inventory/config", passSchema);

/** GET /api/inventory/config/guardrail — per account, whether the guardrail is in place and what it flags. */
export const getGuardrailCompliance = () => fetchJson("/api/inventory/config/guardrail", guardrailComplianceSchema);

/** POST /api/inventory/config/guardrail?account= — put the rule in that account and region (after the user confirmed). */
export const applyGuardrail = (region: string, account: string | null) =>
  sendJson("POST", withAccount("/api/inventory/config/guardrail", account), guardrailAppliedSchema, { region });
