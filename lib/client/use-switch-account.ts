"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useAccountSelection, type AccountSelection } from "./account-scope";
import { refetchOnAccountSwitch } from "./query-keys";

/** The header's account choice, and a switch that fetches everything shown again for the new account. */
export function useSwitchAccount() {
  const { selected, select } = useAccountSelection();
  const queryClient = useQueryClient();
  const switchTo = (account: AccountSelection) => {
    select(account);
    void queryClient.invalidateQueries({ predicate: (q) => refetchOnAccountSwitch(q.queryKey) });
  };
  return { selected, switchTo };
}
