"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { startBillRead } from "./api/cost-evidence";
import { queryKeys } from "./query-keys";

/** Reads new or changed export files; the status it answers starts useBillStatus's polling. */
export function useStartBillRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: startBillRead,
    onSuccess: (data) => queryClient.setQueryData(queryKeys.billStatus, data),
  });
}
