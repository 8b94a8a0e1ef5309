// GET /api/settings/inventory-source — the inventory source (direct or an AWS Config aggregator), the aggregators
// found and the recommendation, the latest passes; PUT — choose it (an aggregator's full load starts)
import { route } from "@/lib/http/route";
import { inventorySourceSettingsSchema, inventorySourceStatusSchema } from "@/lib/contracts/config-source";
import { inventorySourceStatus, saveInventorySourceSettings } from "@/lib/inventory/config/status";

export const dynamic = "force-dynamic";

export const GET = route({ response: inventorySourceStatusSchema }, async () => inventorySourceStatus());

export const PUT = route(
  { body: inventorySourceSettingsSchema, response: inventorySourceStatusSchema, mutation: true },
  async ({ body }) => saveInventorySourceSettings(body),
);
