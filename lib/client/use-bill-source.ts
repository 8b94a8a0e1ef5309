"use client";
import { useQuery } from "@tanstack/react-query";
import { getBillSource } from "./api/cost-evidence";
import { queryKeys } from "./query-keys";

export function useBillSource() {
  return useQuery({ queryKey: queryKeys.billSource, queryFn: getBillSource });
}
