"use client";
import { useQuery } from "@tanstack/react-query";
import type { Change } from "@/lib/contracts/encryption";
import { useAccountScope } from "./account-scope";
import { getChanges } from "./api/changes";
import { queryKeys } from "./query-keys";

/** While a change is pending or unknown the server keeps checking it: the list follows until it settles. */
const unsettled = (changes: Change[] | undefined) =>
  changes?.some((c) => c.status === "pending" || c.status === "unknown") ?? false;

export function useChanges() {
  const account = useAccountScope();
  return useQuery({
    queryKey: queryKeys.changes(account),
    queryFn: () => getChanges(account),
    refetchInterval: (query) => (unsettled(query.state.data?.changes) ? 5_000 : false),
  });
}
