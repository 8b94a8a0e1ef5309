import { withAccount } from "@/lib/contracts/hrefs";
import {
  ingestStatusSchema,
  pricingSettingsSchema,
  savingsSchema,
  usageSeriesSchema,
  type PricingSettingsBody,
} from "@/lib/contracts/usage";
import type { AccountSelection } from "../account-scope";
import { fetchJson, sendJson } from "../fetch-json";

// Fetchers for KMS usage, savings, CloudTrail ingestion and the prices they use.

type Range = { from: string; to: string };

/** GET /api/usage — KMS requests over time for one bucket, or the account when bucket is null. */
export function getUsage(bucket: string | null, range: Range, granularity: "hour" | "day", account: AccountSelection) {
  const params = new URLSearchParams({ from: range.from, to: range.to, granularity });
  if (bucket) params.set("bucket", bucket);
  return fetchJson(withAccount(`/api/usage?${params}`, account, { acrossAccounts: true }), usageSeriesSchema);
}

/** GET /api/savings */
export function getSavings(range: Range, account: AccountSelection) {
  const params = new URLSearchParams({ from: range.from, to: range.to });
  return fetchJson(withAccount(`/api/savings?${params}`, account, { acrossAccounts: true }), savingsSchema);
}

/** GET /api/usage/ingest — the ingestion run's progress (every account's trail). */
export function getIngestStatus() {
  return fetchJson("/api/usage/ingest", ingestStatusSchema);
}

/** POST /api/usage/ingest — read new CloudTrail files. */
export function startIngest() {
  return sendJson("POST", "/api/usage/ingest", ingestStatusSchema);
}

/** GET /api/settings/pricing */
export function getPricing() {
  return fetchJson("/api/settings/pricing", pricingSettingsSchema);
}

/** PUT /api/settings/pricing */
export function savePricing(body: PricingSettingsBody) {
  return sendJson("PUT", "/api/settings/pricing", pricingSettingsSchema, body);
}
