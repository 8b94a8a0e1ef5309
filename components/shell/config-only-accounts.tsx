import type { AccountScan } from "@/lib/contracts/inventory";

/** The ids of the accounts known only from AWS Config (no role): the bucket table offers no change in them. */
export function configOnlyIds(accounts: AccountScan[]): ReadonlySet<string> {
  return new Set(accounts.filter((a) => a.source === "config").map((a) => a.id));
}

/** Accounts seen only through the AWS Config aggregator: their buckets show, changing them needs a role. */
export function ConfigOnlyAccounts({ accounts }: { accounts: AccountScan[] }) {
  const configOnly = accounts.filter((a) => a.source === "config");
  if (configOnly.length === 0) return null;
  return (
    <div
      className="rounded-lg border border-sky-200 bg-sky-50 p-3 text-sm text-sky-900"
      data-testid="config-only-accounts"
    >
      <p>
        {configOnly.length === 1 ? "1 account is" : `${configOnly.length} accounts are`} known only from AWS Config (
        {configOnly.map((a) => `${a.id} · ${a.buckets.toLocaleString("en-US")} buckets`).join(", ")}): their buckets are
        listed as Config captured them. Changing them, and reading key aliases, replication rules and key state, needs
        the console&rsquo;s role in the account (CONSOLE_ACCOUNTS_FILE or CONSOLE_ORGANIZATION_ROLE_NAME; README,
        &ldquo;Many accounts&rdquo;).
      </p>
    </div>
  );
}
