import type { z } from "zod";
import {
  applyResultSchema,
  currentEncryptionSchema,
  preflightResultSchema,
  type applyRequestSchema,
  type ProposedEncryption,
} from "@/lib/contracts/encryption";
import { withAccount } from "@/lib/contracts/hrefs";
import { bucketListLimit, bucketPageSchema, scanStatusSchema, type BucketPage } from "@/lib/contracts/bucket-list";
import { bucketDetailSchema } from "@/lib/contracts/inventory";
import type { AccountSelection } from "../account-scope";
import { fetchJson, sendJson } from "../fetch-json";

// Fetchers for /api/buckets and one bucket's encryption, typed by the contracts' schemas.

export const bucketUrl = (name: string, path = "") => `/api/buckets/${encodeURIComponent(name)}${path}`;

/** GET /api/buckets — every bucket of the scope, read page by page from the inventory store. */
export async function getInventory(account: AccountSelection): Promise<BucketPage> {
  const url = (cursor: string | null) =>
    withAccount(
      `/api/buckets?limit=${bucketListLimit.max}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      account,
      { acrossAccounts: true },
    );
  const first = await fetchJson(url(null), bucketPageSchema);
  const buckets = [...first.buckets];
  for (let cursor = first.nextCursor; cursor;) {
    const page = await fetchJson(url(cursor), bucketPageSchema);
    buckets.push(...page.buckets);
    cursor = page.nextCursor;
  }
  return { ...first, buckets, nextCursor: null };
}

/** POST /api/inventory/scan — Rescan: starts a background scan, or returns the running one. */
export function postRescan(account: AccountSelection) {
  return sendJson("POST", withAccount("/api/inventory/scan", account, { acrossAccounts: true }), scanStatusSchema);
}

/** GET /api/buckets/:name */
export function getBucketDetail(name: string, account: AccountSelection) {
  return fetchJson(withAccount(bucketUrl(name), account), bucketDetailSchema);
}

/** GET /api/buckets/:name/encryption — the configuration and the version a save must name. */
export function getCurrentEncryption(name: string, account: AccountSelection) {
  return fetchJson(withAccount(bucketUrl(name, "/encryption"), account), currentEncryptionSchema);
}

/** POST /api/buckets/:name/encryption/preflight — the diff and the checks of a proposal; changes nothing. */
export function postPreflight(name: string, proposal: ProposedEncryption, account: AccountSelection) {
  return sendJson("POST", withAccount(bucketUrl(name, "/encryption/preflight"), account), preflightResultSchema, {
    config: proposal,
  });
}

/** PUT /api/buckets/:name/encryption — apply a reviewed configuration. */
export function putEncryption(name: string, body: z.input<typeof applyRequestSchema>, account: AccountSelection) {
  return sendJson("PUT", withAccount(bucketUrl(name, "/encryption"), account), applyResultSchema, body);
}
