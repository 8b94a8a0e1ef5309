"use client";
import { useQuery } from "@tanstack/react-query";
import { useAccountScope } from "./account-scope";
import { getOutsideChanges } from "./api/outside-changes";
import { queryKeys } from "./query-keys";

export function useOutsideChanges() {
  const account = useAccountScope();
  return useQuery({ queryKey: queryKeys.outsideChanges(account), queryFn: () => getOutsideChanges(account) });
}
