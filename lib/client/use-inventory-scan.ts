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
 * The background scan's progress, polled every second while it runs (every 5 s before the first
 * one). When a scan ends, all inventory data of the scope is read again, so tables and counts
 * show what it found.
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
  // A scan that ended since the last poll, also one too quick to be seen running (a first scan found
  // between two polls): the end time changed.
  const scan = status.data?.scan;
  const ended = scan && scan.state !== "running" ? `${scan.state}:${scan.finishedAt}` : undefined;
  const previous = useRef<string | undefined>(undefined);
  useEffect(() => {
    // Not on the first answer: the pages' own first load already reads the inventory.
    if (ended !== undefined && previous.current !== undefined && previous.current !== ended)
      void queryClient.invalidateQueries({ queryKey: queryKeyPrefixes.inventory });
    if (ended !== undefined) previous.current = ended;
  }, [ended, queryClient]);
  return status;
}
