"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson, sendJson } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { kmsKeyOptionSchema, kmsKeysSchema } from "@/lib/api/schemas/encryption";
import { z } from "zod";

export function useKmsKeys(region: string | null) {
  return useQuery({
    queryKey: queryKeys.kmsKeys(region ?? ""),
    queryFn: () => fetchJson(`/api/kms/keys?region=${encodeURIComponent(region!)}`, kmsKeysSchema),
    enabled: Boolean(region),
  });
}

export function useCreateKmsKey(region: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (alias: string) => sendJson("POST", "/api/kms/keys", z.object({ key: kmsKeyOptionSchema }), { region, alias }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.kmsKeys(region) }),
  });
}
