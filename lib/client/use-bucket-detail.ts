"use client";
import { useQuery } from "@tanstack/react-query";
import { useAccountScope } from "./account-scope";
import { getBucketDetail } from "./api/buckets";
import { queryKeys } from "./query-keys";

export function useBucketDetail(name: string) {
  const account = useAccountScope();
  return useQuery({ queryKey: queryKeys.bucket(name, account), queryFn: () => getBucketDetail(name, account) });
}
