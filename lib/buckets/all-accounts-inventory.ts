import "server-only";
import type { AccountScan, Inventory } from "@/lib/contracts/inventory";
import { inEachAccount } from "@/lib/accounts/each-account";
import { getInventory, summarizeInventory } from "./inventory";

/** Every account's inventory in one: buckets carry their account, `accounts` says which could not be read. */
export async function getAllAccountsInventory({ refresh = false } = {}): Promise<Inventory> {
  const outcomes = await inEachAccount(() => getInventory({ refresh }));
  const accounts: AccountScan[] = outcomes.map((o) => {
    const who = { id: o.account.id, name: o.account.name, source: o.account.source, roleArn: o.account.roleArn };
    return o.ok
      ? { ...who, status: "ok", error: null, buckets: o.value.buckets.length, scannedAt: o.value.scannedAt }
      : {
          ...who,
          status: "error",
          error: { code: o.error.code, message: o.error.message },
          buckets: 0,
          scannedAt: null,
        };
  });
  const buckets = outcomes.flatMap((o) => (o.ok ? o.value.buckets : [])).sort((a, b) => a.name.localeCompare(b.name));
  return { buckets, summary: summarizeInventory(buckets), accounts, scannedAt: new Date().toISOString() };
}
