"use client";
import { useQueries } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { currentEncryptionSchema } from "@/lib/api/schemas/encryption";

/** The current configuration and version of each bucket the wizard edits. */
export function useCurrentEncryptions(buckets: string[]) {
  return useQueries({
    queries: buckets.map((name) => ({
      queryKey: queryKeys.encryption(name),
      queryFn: () => fetchJson(`/api/buckets/${encodeURIComponent(name)}/encryption`, currentEncryptionSchema),
      staleTime: 0,
    })),
  });
}
