"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson, sendJson } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { applyResultSchema, changesSchema } from "@/lib/api/schemas/encryption";

export function useChanges() {
  return useQuery({ queryKey: queryKeys.changes, queryFn: () => fetchJson("/api/changes", changesSchema) });
}

export function useRollback() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => sendJson("POST", `/api/changes/${id}/rollback`, applyResultSchema),
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: queryKeys.changes }), queryClient.invalidateQueries({ queryKey: queryKeys.inventory })]),
  });
}
