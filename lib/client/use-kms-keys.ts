"use client";
import { useAccountScope } from "@/lib/client/account-scope";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { withAccount } from "@/lib/contracts/account-url";
import { fetchJson, sendJson } from "@/lib/client/fetch-json";
import { queryKeys } from "@/lib/client/query-keys";
import { kmsKeyOptionSchema, kmsKeysSchema } from "@/lib/contracts/encryption";
import { z } from "zod";

export function useKmsKeys(region: string | null) {
  const account = useAccountScope();
  return useQuery({
    queryKey: [...queryKeys.kmsKeys(region ?? ""), account],
    queryFn: () =>
      fetchJson(withAccount(`/api/kms/keys?region=${encodeURIComponent(region!)}`, account), kmsKeysSchema),
    enabled: Boolean(region),
  });
}

export function useCreateKmsKey(region: string) {
  const queryClient = useQueryClient();
  const account = useAccountScope();
  return useMutation({
    mutationFn: (alias: string) =>
      sendJson("POST", withAccount("/api/kms/keys", account), z.object({ key: kmsKeyOptionSchema }), { region, alias }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.kmsKeys(region) }),
  });
}
