import { outsideChangesSchema } from "@/lib/contracts/outside-changes";
import { withAccount } from "@/lib/contracts/hrefs";
import type { AccountSelection } from "../account-scope";
import { fetchJson } from "../fetch-json";

/** GET /api/outside-changes — changes made outside this console, from CloudTrail. */
export function getOutsideChanges(account: AccountSelection) {
  return fetchJson(withAccount("/api/outside-changes", account, { acrossAccounts: true }), outsideChangesSchema);
}
