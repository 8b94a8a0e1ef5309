import { withAccount } from "@/lib/contracts/hrefs";
import { usageSourceStatusSchema, type UsageSourceSettings } from "@/lib/contracts/usage-source";
import { fetchJson, sendJson } from "../fetch-json";

// One account's usage source: the account is what the settings are about, so it is always named.
const url = (path: string, account: string) => withAccount(`/api/settings/usage-source${path}`, account);

/** GET /api/settings/usage-source — the source, the recommendation, the Athena table's SQL and recent queries. */
export function getUsageSource(account: string) {
  return fetchJson(url("", account), usageSourceStatusSchema);
}

/** PUT /api/settings/usage-source */
export function saveUsageSource(account: string, body: UsageSourceSettings) {
  return sendJson("PUT", url("", account), usageSourceStatusSchema, body);
}

/** POST /api/settings/usage-source/athena-table — create the table with exactly the statements reviewed. */
export function createAthenaTable(account: string, sql: string[]) {
  return sendJson("POST", url("/athena-table", account), usageSourceStatusSchema, { sql });
}
