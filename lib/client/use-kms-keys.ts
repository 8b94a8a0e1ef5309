"use client";
import { useQuery } from "@tanstack/react-query";
import { useAccountScope } from "./account-scope";
import { getKmsKeys } from "./api/kms";
import { queryKeys } from "./query-keys";

export function useKmsKeys(region: string | null) {
  const account = useAccountScope();
  return useQuery({
    queryKey: queryKeys.kmsKeys(region ?? "", account),
    queryFn: () => getKmsKeys(region!, account),
    enabled: Boolean(region),
  });
}
