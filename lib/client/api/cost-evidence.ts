import { withAccount } from "@/lib/contracts/hrefs";
import { billDetectionSchema, billSourceResponseSchema, billStatusSchema, type BillSource } from "@/lib/contracts/bill";
import { changeEffectsSchema, headlineSchema, reconciliationSchema } from "@/lib/contracts/cost-evidence";
import type { AccountSelection } from "../account-scope";
import { fetchJson, sendJson } from "../fetch-json";

// Fetchers for the KMS bill and the cost evidence built on it.

/** GET /api/bill — what was read of the bill. */
export const getBillStatus = () => fetchJson("/api/bill", billStatusSchema);

/** POST /api/bill — read new or changed export files. */
export const startBillRead = () => sendJson("POST", "/api/bill", billStatusSchema);

/** GET /api/settings/bill-source */
export const getBillSource = () => fetchJson("/api/settings/bill-source", billSourceResponseSchema);

/** GET /api/settings/bill-source/detected — the exports the account's billing APIs list. */
export const getDetectedExports = () => fetchJson("/api/settings/bill-source/detected", billDetectionSchema);

/** PUT /api/settings/bill-source */
export const saveBillSource = (source: BillSource) =>
  sendJson("PUT", "/api/settings/bill-source", billSourceResponseSchema, source);

/** GET /api/reports/reconciliation — the bill beside CloudTrail per key and day (key: one key's days). */
export function getReconciliation(account: AccountSelection, key?: string) {
  const params = new URLSearchParams(key ? { key } : {});
  const path = `/api/reports/reconciliation${key ? `?${params}` : ""}`;
  return fetchJson(withAccount(path, account, { acrossAccounts: true }), reconciliationSchema);
}

/** GET /api/changes/effects */
export const getChangeEffects = (account: AccountSelection) =>
  fetchJson(withAccount("/api/changes/effects", account, { acrossAccounts: true }), changeEffectsSchema);

/** GET /api/overview/headline */
export const getHeadline = (account: AccountSelection) =>
  fetchJson(withAccount("/api/overview/headline", account, { acrossAccounts: true }), headlineSchema);
