"use client";
import { useQuery } from "@tanstack/react-query";
import { getGuardrailCompliance } from "./api/inventory-source";
import { queryKeys } from "./query-keys";

/** Where the Bucket Key guardrail is in place and what it flags, from the aggregator. */
export function useGuardrailCompliance() {
  return useQuery({ queryKey: queryKeys.guardrail, queryFn: getGuardrailCompliance });
}
