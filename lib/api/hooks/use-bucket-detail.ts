"use client";
import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { bucketDetailSchema } from "@/lib/api/schemas/inventory";

export function useBucketDetail(name: string) {
  return useQuery({
    queryKey: queryKeys.bucket(name),
    queryFn: () => fetchJson(`/api/buckets/${encodeURIComponent(name)}`, bucketDetailSchema),
  });
}
