import "server-only";
import { listAccounts } from "@/lib/accounts/accounts";
import { callerIdentity } from "@/lib/aws/identity";
import { rememberAccount, storedAccount, storedAccounts } from "../accounts";
import { inventoryDb } from "../store";

// Every account an aggregator covers appears in All accounts. One the console reaches (its own, a
// role account) keeps its key and name; one it has no role for is remembered as a Config account:
// its buckets are seen from Config, and changing them needs a role (the UI says so).

export async function rememberCoveredAccounts(ids: Iterable<string>): Promise<void> {
  const [{ accounts }, own] = await Promise.all([listAccounts(), callerIdentity()]);
  const stored = new Map(storedAccounts().map((a) => [a.key, a]));
  for (const id of new Set(ids)) {
    const served = accounts.find((a) => a.id === id);
    if (id === own.account) {
      if (!stored.has("console"))
        rememberAccount("console", id, { name: "this console's account", source: "console", roleArn: null });
    } else if (served) {
      if (!stored.get(id)?.info || stored.get(id)?.info?.source === "config")
        rememberAccount(id, id, { name: served.name, source: served.source, roleArn: served.roleArn });
    } else if (!stored.has(id)) {
      rememberAccount(id, id, { name: `account ${id}`, source: "config", roleArn: null });
    }
  }
}

/** An account the aggregator covers and the console has no role in (remembered by the last pass as a Config account). */
export function knownOnlyFromConfig(id: string): boolean {
  return storedAccount(id)?.info?.source === "config";
}

/** Back to direct: accounts known only from Config lose their rows (nothing keeps them true any more). */
export function forgetConfigOnlyAccounts(): void {
  const d = inventoryDb();
  const configOnly = storedAccounts().filter((a) => a.info?.source === "config");
  d.transaction(() => {
    for (const a of configOnly) {
      d.prepare("DELETE FROM inventory_buckets WHERE account = ?").run(a.account);
      d.prepare("DELETE FROM inventory_accounts WHERE key = ?").run(a.key);
    }
  })();
}
