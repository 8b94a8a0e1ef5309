import "server-only";
import type { TopCandidates } from "@/lib/contracts/bucket-list";
import { savingsReport } from "@/lib/usage/reports/savings-report";
import { usageScope } from "@/lib/usage/reports/usage-scope";
import { inventoryScope } from "@/lib/inventory/page";
import { queryPage, summarize } from "@/lib/inventory/query";
import { storedPosture } from "@/lib/inventory/store";

// The Overview's candidate list: candidates for a Bucket Key (from the inventory store) ranked by
// the projected monthly saving the usage store gives them over the last 30 days; candidates with
// no usage data follow, by name. Both come from stores: no AWS call.

export async function topCandidates(limit: number, allAccounts: boolean): Promise<TopCandidates> {
  const ids = (await inventoryScope(allAccounts)).ids;
  const savings = await savingsReport({}, await usageScope(allAccounts));
  const inScope = new Set(ids);
  const candidates: TopCandidates["candidates"] = [];
  const ranked = savings.rows
    .filter((r) => r.method === "projected" && inScope.has(r.account))
    .sort((a, b) => (b.monthlySavingUsd ?? 0) - (a.monthlySavingUsd ?? 0));
  const taken = new Set<string>();
  for (const r of ranked) {
    if (candidates.length === limit) break;
    const bucket = storedPosture(r.account, r.bucket);
    if (!bucket?.candidate) continue;
    candidates.push({ bucket, monthlySavingUsd: r.monthlySavingUsd, method: r.method });
    taken.add(`${r.account}/${r.bucket}`);
  }
  if (candidates.length < limit) {
    const byName = queryPage(ids, { candidate: "1", sort: "name", order: "asc", limit: limit + taken.size });
    for (const bucket of byName.buckets) {
      if (candidates.length === limit) break;
      if (!taken.has(`${bucket.account}/${bucket.name}`))
        candidates.push({ bucket, monthlySavingUsd: null, method: null });
    }
  }
  return { candidates, total: summarize(ids).candidates, hasUsageData: savings.hasData };
}
