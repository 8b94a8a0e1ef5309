import { withAccount } from "@/lib/contracts/hrefs";
import {
  inventorySetupSchema,
  inventoryStatusSchema,
  type InventorySetupRequest,
} from "@/lib/contracts/object-inventory";
import type { AccountSelection } from "../account-scope";
import { fetchJson, sendJson } from "../fetch-json";
import { bucketUrl } from "./buckets";

// Fetchers for a bucket's S3 Inventory: its configurations and latest report, and the proposed configuration.

/** GET /api/buckets/:name/objects/inventory */
export function getInventoryStatus(bucket: string, account: AccountSelection) {
  return fetchJson(withAccount(bucketUrl(bucket, "/objects/inventory"), account), inventoryStatusSchema);
}

/** POST /api/buckets/:name/objects/inventory/review — the request and destination policy; applies nothing. */
export function reviewInventorySetup(bucket: string, setup: InventorySetupRequest, account: AccountSelection) {
  const url = withAccount(bucketUrl(bucket, "/objects/inventory/review"), account);
  return sendJson("POST", url, inventorySetupSchema, setup);
}

/** PUT /api/buckets/:name/objects/inventory — apply the reviewed configuration and destination policy. */
export function applyInventorySetup(bucket: string, setup: InventorySetupRequest, account: AccountSelection) {
  return sendJson("PUT", withAccount(bucketUrl(bucket, "/objects/inventory"), account), inventorySetupSchema, setup);
}
