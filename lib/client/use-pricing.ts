"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson, sendJson } from "@/lib/client/fetch-json";
import { queryKeys } from "@/lib/client/query-keys";
import { pricingSettingsSchema, type PricingSettingsBody } from "@/lib/contracts/usage";

export function usePricing() {
  return useQuery({
    queryKey: queryKeys.pricing,
    queryFn: () => fetchJson("/api/settings/pricing", pricingSettingsSchema),
  });
}

export function useSavePricing() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PricingSettingsBody) => sendJson("PUT", "/api/settings/pricing", pricingSettingsSchema, body),
    onSuccess: (data) => {
      queryClient.setQueryData(queryKeys.pricing, data);
      // Every cost and saving depends on the prices.
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: ["usage"] }),
        queryClient.invalidateQueries({ queryKey: ["savings"] }),
      ]);
    },
  });
}
