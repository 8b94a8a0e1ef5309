"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { getIngestStatus } from "./api/usage";
import { queryKeyPrefixes, queryKeys } from "./query-keys";

/** Ingestion status, polled every second while a run is going; usage and savings refresh when it ends. */
export function useIngestStatus() {
  const queryClient = useQueryClient();
  const status = useQuery({
    queryKey: queryKeys.ingest,
    queryFn: getIngestStatus,
    refetchInterval: (q) => (q.state.data?.state === "running" ? 1000 : false),
  });
  const wasRunning = useRef(false);
  const state = status.data?.state;
  useEffect(() => {
    if (state === "running") wasRunning.current = true;
    else if (wasRunning.current && state) {
      wasRunning.current = false;
      // A run reads every account's trail: every account's usage and savings may have changed.
      void queryClient.invalidateQueries({ queryKey: queryKeyPrefixes.usage });
      void queryClient.invalidateQueries({ queryKey: queryKeyPrefixes.savings });
      void queryClient.invalidateQueries({ queryKey: queryKeyPrefixes.costEvidence });
    }
  }, [state, queryClient]);
  return status;
}
