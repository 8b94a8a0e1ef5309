"use client";
import { useAccountScope } from "@/components/shell/account-scope";
import { useQuery } from "@tanstack/react-query";
import { withAccount } from "@/lib/api/account-url";
import { fetchJson } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { bucketDetailSchema } from "@/lib/api/schemas/inventory";

export function useBucketDetail(name: string) {
  const account = useAccountScope();
  return useQuery({
    queryKey: [...queryKeys.bucket(name), account],
    queryFn: () => fetchJson(withAccount(`/api/buckets/${encodeURIComponent(name)}`, account), bucketDetailSchema),
  });
}
