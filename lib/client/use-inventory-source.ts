"use client";
import { useEffect, useRef } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { getInventorySource } from "./api/inventory-source";
import { queryKeyPrefixes, queryKeys } from "./query-keys";

const running = (s: { state: string } | null | undefined) => s?.state === "running";

/** The inventory source and its passes, polled while a pass runs; the inventory is refreshed when one ends. */
export function useInventorySource() {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: queryKeys.inventorySource,
    queryFn: getInventorySource,
    refetchInterval: (q) => (running(q.state.data?.lastFull) || running(q.state.data?.lastIncremental) ? 1_000 : false),
  });
  const wasRunning = useRef(false);
  const isRunning = running(query.data?.lastFull) || running(query.data?.lastIncremental);
  useEffect(() => {
    if (wasRunning.current && !isRunning) void queryClient.invalidateQueries({ queryKey: queryKeyPrefixes.inventory });
    wasRunning.current = isRunning;
  }, [isRunning, queryClient]);
  return query;
}
