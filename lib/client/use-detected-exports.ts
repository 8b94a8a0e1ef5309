"use client";
import { useQuery } from "@tanstack/react-query";
import { getDetectedExports } from "./api/cost-evidence";
import { queryKeys } from "./query-keys";

/** The account's Data Exports and legacy CUR reports: asked once per visit (each ask is a few billing API calls). */
export function useDetectedExports() {
  return useQuery({
    queryKey: queryKeys.detectedExports,
    queryFn: getDetectedExports,
    staleTime: Infinity,
    retry: false,
  });
}
