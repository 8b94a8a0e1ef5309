import type { z } from "zod";
import {
  applyResultSchema,
  currentEncryptionSchema,
  preflightResultSchema,
  type applyRequestSchema,
  type ProposedEncryption,
} from "@/lib/contracts/encryption";
import { withAccount } from "@/lib/contracts/hrefs";
import { bucketDetailSchema } from "@/lib/contracts/inventory";
import type { AccountSelection } from "../account-scope";
import { fetchJson, sendJson } from "../fetch-json";

// Fetchers for /api/buckets and one bucket's encryption, typed by the contracts' schemas.

export const bucketUrl = (name: string, path = "") => `/api/buckets/${encodeURIComponent(name)}${path}`;

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
