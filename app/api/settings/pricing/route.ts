// GET /api/settings/pricing — KMS prices and model assumptions; PUT — replace them
import { route } from "@/lib/api/handler";
import { pricingSettingsSchema } from "@/lib/api/schemas/usage";
import { readPricing, writePricing } from "@/lib/usage/pricing-store";

export const dynamic = "force-dynamic";

export const GET = route({}, async () => readPricing());

export const PUT = route({ body: pricingSettingsSchema, mutation: true }, async ({ body }) => writePricing(body));
