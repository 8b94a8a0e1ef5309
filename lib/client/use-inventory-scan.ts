"use client";
import type { ScanProgress } from "@/lib/contracts/inventory";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useAccountScope } from "./account-scope";
import { getScanStatus } from "./api/inventory";
import { queryKeyPrefixes, queryKeys } from "./query-keys";

const pollEvery: Record<ScanProgress["state"], number | false> = {
  running: 1_000,
  never: 5_000,
  done: false,
  cancelled: false,
  failed: false,
};

/**
 * The background scan's progress, polled every second while it runs. When a scan ends, all
 * inventory data of the scope is read again, so tables and counts show what it found.
 */
export function useInventoryScan() {
  const account = useAccountScope();
  const queryClient = useQueryClient();
  const status = useQuery({
    queryKey: queryKeys.inventoryScan(account),
    queryFn: () => getScanStatus(account),
    // Also while no scan has run: the first one starts by itself once AWS can be reached.
    refetchInterval: (query) => pollEvery[query.state.data?.scan.state ?? "done"],
  });
  const state = status.data?.scan.state;
  const previous = useRef(state);
  useEffect(() => {
    if (previous.current === "running" && state !== "running")
      void queryClient.invalidateQueries({ queryKey: queryKeyPrefixes.inventory });
    previous.current = state;
  }, [state, queryClient]);
  return status;
}
