"use client";
import { useAccountScope } from "@/components/shell/account-scope";
import { useQueries } from "@tanstack/react-query";
import { withAccount } from "@/lib/api/account-url";
import { fetchJson } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { currentEncryptionSchema } from "@/lib/api/schemas/encryption";

/** The current configuration and version of each bucket the wizard edits. */
export function useCurrentEncryptions(buckets: string[]) {
  const account = useAccountScope();
  return useQueries({
    queries: buckets.map((name) => ({
      queryKey: [...queryKeys.encryption(name), account],
      queryFn: () => fetchJson(withAccount(`/api/buckets/${encodeURIComponent(name)}/encryption`, account), currentEncryptionSchema),
      staleTime: 0,
    })),
  });
}
