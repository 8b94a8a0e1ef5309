"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson, sendJson } from "@/lib/client/fetch-json";
import { queryKeys } from "@/lib/client/query-keys";
import {
  usageSourceStatusSchema,
  type UsageSourceSettings,
  type UsageSourceStatus,
} from "@/lib/contracts/usage-source";

const url = (path: string, account: string) =>
  `/api/settings/usage-source${path}?account=${encodeURIComponent(account)}`;

/** One account's usage source, the recommendation, the Athena table's SQL and recent Athena queries. */
export function useUsageSource(account: string) {
  return useQuery({
    queryKey: queryKeys.usageSource(account),
    queryFn: () => fetchJson(url("", account), usageSourceStatusSchema),
  });
}

function useSetStatus(account: string) {
  const queryClient = useQueryClient();
  return (data: UsageSourceStatus) => queryClient.setQueryData(queryKeys.usageSource(account), data);
}

export function useSaveUsageSource(account: string) {
  const onSuccess = useSetStatus(account);
  return useMutation({
    mutationFn: (body: UsageSourceSettings) => sendJson("PUT", url("", account), usageSourceStatusSchema, body),
    onSuccess,
  });
}

/** Creates the Athena table with exactly the statements the user reviewed. */
export function useCreateAthenaTable(account: string) {
  const onSuccess = useSetStatus(account);
  return useMutation({
    mutationFn: (sql: string[]) => sendJson("POST", url("/athena-table", account), usageSourceStatusSchema, { sql }),
    onSuccess,
  });
}
