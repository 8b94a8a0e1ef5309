"use client";
import { useQuery } from "@tanstack/react-query";
import { useAccountScope } from "./account-scope";
import { getChanges } from "./api/changes";
import { queryKeys } from "./query-keys";

export function useChanges() {
  const account = useAccountScope();
  return useQuery({ queryKey: queryKeys.changes(account), queryFn: () => getChanges(account) });
}
