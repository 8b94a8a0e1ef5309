"use client";
import { useQuery } from "@tanstack/react-query";
import type { WriteStatus } from "@/lib/contracts/write-status";
import { useAccountScope } from "./account-scope";
import { getChanges, getWrites } from "./api/changes";
import { queryKeys } from "./query-keys";

/** While a change is pending or unknown the server keeps checking it: the list follows until it settles. */
const unsettled = (changes: { status: WriteStatus }[] | undefined) =>
  changes?.some((c) => c.status === "pending" || c.status === "unknown") ?? false;

export function useChanges() {
  const account = useAccountScope();
  return useQuery({
    queryKey: queryKeys.changes(account),
    queryFn: () => getChanges(account),
    refetchInterval: (query) => (unsettled(query.state.data?.changes) ? 5_000 : false),
  });
}

export function useWrites() {
  const account = useAccountScope();
  return useQuery({
    queryKey: queryKeys.writes(account),
    queryFn: () => getWrites(account),
    refetchInterval: (query) => (unsettled(query.state.data?.writes) ? 5_000 : false),
  });
}
