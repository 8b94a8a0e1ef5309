import { createdKeySchema, kmsKeysSchema } from "@/lib/contracts/encryption";
import { withAccount } from "@/lib/contracts/hrefs";
import type { AccountSelection } from "../account-scope";
import { fetchJson, sendJson } from "../fetch-json";

/** GET /api/kms/keys?region= — the region's keys, each usable or not with the reason. */
export function getKmsKeys(region: string, account: AccountSelection) {
  return fetchJson(withAccount(`/api/kms/keys?region=${encodeURIComponent(region)}`, account), kmsKeysSchema);
}

/** POST /api/kms/keys — a symmetric key with an alias and an S3 key policy. */
export function createKmsKey(region: string, alias: string, account: AccountSelection) {
  return sendJson("POST", withAccount("/api/kms/keys", account), createdKeySchema, { region, alias });
}
