"use client";
import { useQuery } from "@tanstack/react-query";
import { getPricing } from "./api/usage";
import { queryKeys } from "./query-keys";

export function usePricing() {
  return useQuery({ queryKey: queryKeys.pricing, queryFn: getPricing });
}
