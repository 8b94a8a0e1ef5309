"use client";
import { useQuery } from "@tanstack/react-query";
import { ApiError } from "@/lib/client/fetch-json";
import { healthSchema, type Health } from "@/lib/contracts/health";
import { queryKeys } from "@/lib/client/query-keys";

// /api/health answers 503 with a health body when AWS is unreachable: both are data here.
async function fetchHealth(): Promise<Health> {
  const response = await fetch("/api/health", { headers: { Accept: "application/json" } });
  if (response.status === 401) throw new ApiError(401, "unauthenticated", "Sign in to use the console.");
  const parsed = healthSchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new Error("The console server cannot be reached.");
  return parsed.data;
}

export function useHealth() {
  // Polled so the emulator-down banner appears and clears by itself.
  return useQuery({ queryKey: queryKeys.health, queryFn: fetchHealth, refetchInterval: 15_000, retry: false });
}
