// KMS request pricing (pure). AWS bills symmetric-key requests per 10,000 (USD 0.03 in most
// regions; check your region's price page) and gives each account 20,000 free requests a
// month across all regions. The free tier belongs to the account, not to a bucket, so
// per-bucket figures are at list price and only account totals subtract it.

export type PricingSettings = {
  /** USD per 10,000 KMS requests where no regional price is set. */
  pricePer10k: number;
  /** USD per 10,000 requests for regions that differ from the default. */
  regionPrices: Record<string, number>;
  /** Free KMS requests per month per account; 0 when the tier does not apply (e.g. used up elsewhere). */
  freeTierRequests: number;
  /**
   * How long S3 keeps using one bucket-level data key for a requester before it asks KMS
   * again. AWS documents the key as "time-limited" without a figure; 15 minutes is a
   * deliberately short (pessimistic) guess, so projected savings err low.
   */
  refreshWindowMinutes: number;
  /** KMS request-rate quota overrides (requests per second) by region; see kms-quotas.ts for the defaults. */
  kmsQuotas: Record<string, number>;
};

export const defaultPricing: PricingSettings = {
  pricePer10k: 0.03,
  regionPrices: {},
  freeTierRequests: 20_000,
  refreshWindowMinutes: 15,
  kmsQuotas: {},
};

export const hoursPerMonth = 730;

export function pricePer10k(settings: PricingSettings, region: string | null): number {
  return (region === null ? undefined : settings.regionPrices[region]) ?? settings.pricePer10k;
}

export function requestCost(settings: PricingSettings, requests: number, region: string | null): number {
  return (requests * pricePer10k(settings, region)) / 10_000;
}

/** An account's monthly bill for KMS requests: per-region list price minus the free tier (valued at the default price). */
export function accountMonthlyCost(
  settings: PricingSettings,
  monthlyRequestsByRegion: Record<string, number>,
): { gross: number; freeTierCredit: number; net: number } {
  let gross = 0;
  let total = 0;
  for (const [region, requests] of Object.entries(monthlyRequestsByRegion)) {
    gross += requestCost(settings, requests, region);
    total += requests;
  }
  const freeTierCredit = requestCost(settings, Math.min(total, settings.freeTierRequests), null);
  return { gross, freeTierCredit, net: Math.max(0, gross - freeTierCredit) };
}
