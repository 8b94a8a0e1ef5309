"use client";
import { useAccountScope } from "@/lib/client/account-scope";
import { useQuery } from "@tanstack/react-query";
import { withAccount } from "@/lib/contracts/account-url";
import { fetchJson } from "@/lib/client/fetch-json";
import { queryKeys } from "@/lib/client/query-keys";
import { bucketDetailSchema } from "@/lib/contracts/inventory";

export function useBucketDetail(name: string) {
  const account = useAccountScope();
  return useQuery({
    queryKey: [...queryKeys.bucket(name), account],
    queryFn: () => fetchJson(withAccount(`/api/buckets/${encodeURIComponent(name)}`, account), bucketDetailSchema),
  });
}
