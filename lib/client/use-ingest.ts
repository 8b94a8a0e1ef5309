"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { fetchJson, sendJson } from "@/lib/client/fetch-json";
import { queryKeys } from "@/lib/client/query-keys";
import { ingestStatusSchema } from "@/lib/contracts/usage";

/** Ingestion status, polled every second while a run is going; usage and savings refresh when it ends. */
export function useIngestStatus() {
  const queryClient = useQueryClient();
  const status = useQuery({
    queryKey: queryKeys.ingest,
    queryFn: () => fetchJson("/api/usage/ingest", ingestStatusSchema),
    refetchInterval: (q) => (q.state.data?.state === "running" ? 1000 : false),
  });
  const wasRunning = useRef(false);
  const state = status.data?.state;
  useEffect(() => {
    if (state === "running") wasRunning.current = true;
    else if (wasRunning.current && state) {
      wasRunning.current = false;
      void queryClient.invalidateQueries({ queryKey: ["usage"] });
      void queryClient.invalidateQueries({ queryKey: ["savings"] });
    }
  }, [state, queryClient]);
  return status;
}

export function useStartIngest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => sendJson("POST", "/api/usage/ingest", ingestStatusSchema),
    onSuccess: (data) => queryClient.setQueryData(queryKeys.ingest, data),
  });
}
