"use client";
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";

// Which account the pages show. Lists (buckets, reports, history) follow the header's selection,
// kept across visits in localStorage; a bucket's pages name their bucket's account in the URL
// and wrap themselves in <AccountScope>, so a bucket opened from the all-accounts view is read
// and changed in its own account. null: the console's own account.

export type AccountSelection = string | null;

const storageKey = "bkc.account";
const ScopeContext = createContext<AccountSelection>(null);
const SelectionContext = createContext<{ selected: AccountSelection; select: (account: AccountSelection) => void }>({
  selected: null,
  select: () => {},
});

export function AccountSelectionProvider({ children }: { children: ReactNode }) {
  // The server render knows no choice; nothing it renders depends on one (every account-scoped
  // figure is fetched by the browser), so the browser may start from the stored choice.
  const [selected, setSelected] = useState<AccountSelection>(() =>
    typeof window === "undefined" ? null : window.localStorage.getItem(storageKey),
  );
  const select = useCallback((account: AccountSelection) => {
    setSelected(account);
    if (account) window.localStorage.setItem(storageKey, account);
    else window.localStorage.removeItem(storageKey);
  }, []);
  const selection = useMemo(() => ({ selected, select }), [selected, select]);
  return (
    <SelectionContext.Provider value={selection}>
      <ScopeContext.Provider value={selected}>{children}</ScopeContext.Provider>
    </SelectionContext.Provider>
  );
}

/** A subtree that works in one account whatever the header says (a bucket's pages). */
export function AccountScope({ account, children }: { account: string | null; children: ReactNode }) {
  return <ScopeContext.Provider value={account}>{children}</ScopeContext.Provider>;
}

/** The account ("all", an id, or null for the console's own) the calls below should name. */
export function useAccountScope(): AccountSelection {
  return useContext(ScopeContext);
}

export function useAccountSelection() {
  return useContext(SelectionContext);
}
