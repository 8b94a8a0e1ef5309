"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { getBillStatus } from "./api/cost-evidence";
import { queryKeyPrefixes, queryKeys } from "./query-keys";

/** What was read of the bill, polled every second while a read runs; the cost evidence refreshes when it ends. */
export function useBillStatus() {
  const queryClient = useQueryClient();
  const status = useQuery({
    queryKey: queryKeys.billStatus,
    queryFn: getBillStatus,
    refetchInterval: (q) => (q.state.data?.running ? 1000 : false),
  });
  const wasRunning = useRef(false);
  const running = status.data?.running;
  useEffect(() => {
    if (running) wasRunning.current = true;
    else if (wasRunning.current && running === false) {
      wasRunning.current = false;
      void queryClient.invalidateQueries({ queryKey: queryKeyPrefixes.costEvidence });
    }
  }, [running, queryClient]);
  return status;
}
