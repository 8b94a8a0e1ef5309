// GET /api/settings/usage-source — the account's usage source, the recommendation from its trail's size, the
// Athena table's SQL and recent queries; PUT — choose the source and the Athena settings
import { route } from "@/lib/http/route";
import { usageSourceSettingsSchema, usageSourceStatusSchema } from "@/lib/contracts/usage-source";
import { saveUsageSource, usageSourceStatus } from "@/lib/usage/source";

export const dynamic = "force-dynamic";

export const GET = route({ response: usageSourceStatusSchema }, async () => usageSourceStatus());

export const PUT = route(
  { body: usageSourceSettingsSchema, response: usageSourceStatusSchema, mutation: true },
  async ({ body }) => saveUsageSource(body),
);
