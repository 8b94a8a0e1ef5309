"use client";
import { useAccounts } from "@/lib/client/use-accounts";
import { useSwitchAccount } from "@/lib/client/use-switch-account";

/** The header's account picker: one account, or all of them. Shown once there is more than one. */
export function AccountSelector() {
  const { data } = useAccounts();
  const { selected, switchTo } = useSwitchAccount();
  if (!data || data.accounts.length < 2) return null;
  const own = data.accounts.find((a) => a.source === "console");
  const value = selected ?? own?.id ?? "";
  const current = data.accounts.find((a) => a.id === value);
  return (
    <label className="flex min-w-0 items-center gap-1.5 text-xs text-slate-200">
      <span className="sr-only xl:not-sr-only">Account</span>
      <select
        data-testid="account-selector"
        className={
          "max-w-48 truncate rounded border border-white/20 bg-brand-900 px-1.5 py-1 font-mono text-xs text-white " +
          "xl:max-w-64"
        }
        value={value}
        title={current ? `${current.id} · ${current.name}` : `All accounts (${data.accounts.length})`}
        onChange={(e) => switchTo(e.target.value === own?.id ? null : e.target.value)}
      >
        <option value="all">All accounts ({data.accounts.length})</option>
        {data.accounts.map((a) => (
          <option key={a.id} value={a.id}>
            {a.id} · {a.name}
            {a.status === "error" ? " (cannot be read)" : ""}
          </option>
        ))}
      </select>
    </label>
  );
}
