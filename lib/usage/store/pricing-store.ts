import "server-only";
import { pricingSettingsSchema } from "@/lib/contracts/usage";
import { defaultPricing, type PricingSettings } from "@/lib/cost/pricing";
import { readSetting, writeSetting } from "./settings";

// Pricing settings live in the usage store, edited on /settings. A stored value that no
// longer parses (an older shape) falls back to the defaults rather than breaking reports.

export function readPricing(): PricingSettings {
  const raw = readSetting("pricing");
  if (!raw) return defaultPricing;
  const parsed = pricingSettingsSchema.safeParse({ ...defaultPricing, ...JSON.parse(raw) });
  return parsed.success ? parsed.data : defaultPricing;
}

export function writePricing(settings: PricingSettings): PricingSettings {
  writeSetting("pricing", JSON.stringify(settings));
  return readPricing();
}
