// GET /api/settings/pricing — KMS prices and model assumptions; PUT — replace them
import { route } from "@/lib/http/route";
import { pricingSettingsSchema } from "@/lib/contracts/usage";
import { readPricing, writePricing } from "@/lib/usage/store/pricing-store";

export const dynamic = "force-dynamic";

export const GET = route({ response: pricingSettingsSchema }, async () => readPricing());

export const PUT = route(
  { body: pricingSettingsSchema, response: pricingSettingsSchema, mutation: true },
  async ({ body }) => writePricing(body),
);
