"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { savePricing } from "./api/usage";
import { queryKeyPrefixes, queryKeys } from "./query-keys";

export function useSavePricing() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: savePricing,
    onSuccess: (data) => {
      queryClient.setQueryData(queryKeys.pricing, data);
      // Every cost and saving, in every account, depends on the prices.
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeyPrefixes.usage }),
        queryClient.invalidateQueries({ queryKey: queryKeyPrefixes.savings }),
      ]);
    },
  });
}
