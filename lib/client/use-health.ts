"use client";
import { useQuery } from "@tanstack/react-query";
import { getHealth } from "./api/session";
import { queryKeys } from "./query-keys";

export function useHealth() {
  // Polled so the emulator-down banner appears and clears by itself.
  return useQuery({ queryKey: queryKeys.health, queryFn: getHealth, refetchInterval: 15_000, retry: false });
}
