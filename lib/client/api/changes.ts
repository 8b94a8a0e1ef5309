import { applyResultSchema, changesSchema, checkedChangeSchema } from "@/lib/contracts/encryption";
import { awsWritesSchema } from "@/lib/contracts/write-status";
import { withAccount } from "@/lib/contracts/hrefs";
import type { AccountSelection } from "../account-scope";
import { fetchJson, sendJson } from "../fetch-json";

/** GET /api/changes — the change history. */
export function getChanges(account: AccountSelection) {
  return fetchJson(withAccount("/api/changes", account, { acrossAccounts: true }), changesSchema);
}

/** POST /api/changes/:id/rollback — restore the configuration a change replaced (the change names its account). */
export function rollbackChange(id: number) {
  return sendJson("POST", `/api/changes/${id}/rollback`, applyResultSchema);
}

/** POST /api/changes/:id/check — read the bucket of an unknown change now ("Check now"). */
export function checkChange(id: number) {
  return sendJson("POST", `/api/changes/${id}/check`, checkedChangeSchema);
}

/** GET /api/writes — the console's other writes (keys, inventory setups, Batch submissions) and their status. */
export function getWrites(account: AccountSelection) {
  return fetchJson(withAccount("/api/writes", account, { acrossAccounts: true }), awsWritesSchema);
}
