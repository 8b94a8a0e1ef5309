import {
  bucketListLimit,
  bucketPageSchema,
  scanStatusSchema,
  topCandidatesSchema,
  type BucketPage,
} from "@/lib/contracts/bucket-list";
import { withAccount } from "@/lib/contracts/hrefs";
import type { BucketPosture } from "@/lib/contracts/inventory";
import type { AccountSelection } from "../account-scope";
import { fetchJson, sendJson } from "../fetch-json";

// Fetchers for the inventory store: pages of /api/buckets and /api/inventory/*. Every call may
// span all accounts (account=all).

const scoped = (url: string, account: AccountSelection) => withAccount(url, account, { acrossAccounts: true });

const pageUrl = (query: URLSearchParams, page: { limit: number; cursor?: string | null }) => {
  const p = new URLSearchParams(query);
  p.set("limit", String(page.limit));
  if (page.cursor) p.set("cursor", page.cursor);
  return `/api/buckets?${p}`;
};

/** GET /api/buckets — one page of the buckets matching `query` (filters, search, sort), from the store. */
export function getBucketPage(
  query: URLSearchParams,
  page: { limit: number; cursor?: string | null },
  account: AccountSelection,
  signal?: AbortSignal,
): Promise<BucketPage> {
  return fetchJson(scoped(pageUrl(query, page), account), bucketPageSchema, { signal });
}

/**
 * Every bucket matching `query`, page by page, up to `max`: `more` says the match holds more
 * than `max`, so a caller can ask the user to narrow it rather than act on a part unknowingly.
 */
export async function getMatchingBuckets(
  query: URLSearchParams,
  max: number,
  account: AccountSelection,
): Promise<{ buckets: BucketPosture[]; total: number; more: boolean }> {
  const buckets: BucketPosture[] = [];
  let cursor: string | null = null;
  let total = 0;
  do {
    const page: BucketPage = await getBucketPage(query, { limit: bucketListLimit.max, cursor }, account);
    buckets.push(...page.buckets);
    total = page.total;
    cursor = page.nextCursor;
  } while (cursor && buckets.length < max);
  return { buckets: buckets.slice(0, max), total, more: buckets.length > max || cursor !== null };
}

/** GET /api/inventory/scan — the background scan's progress. */
export function getScanStatus(account: AccountSelection) {
  return fetchJson(scoped("/api/inventory/scan", account), scanStatusSchema);
}

/** POST /api/inventory/scan — Rescan: starts a background scan, or returns the running one. */
export function postRescan(account: AccountSelection) {
  return sendJson("POST", scoped("/api/inventory/scan", account), scanStatusSchema);
}

/** DELETE /api/inventory/scan — cancels the running scan; what it read is kept. */
export function cancelScan(account: AccountSelection) {
  return sendJson("DELETE", scoped("/api/inventory/scan", account), scanStatusSchema);
}

/** GET /api/inventory/candidates — the candidates with the largest projected monthly saving. */
export function getTopCandidates(limit: number, account: AccountSelection) {
  return fetchJson(scoped(`/api/inventory/candidates?limit=${limit}`, account), topCandidatesSchema);
}
