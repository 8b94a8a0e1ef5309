"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { saveBillSource } from "./api/cost-evidence";
import { queryKeys } from "./query-keys";

export function useSaveBillSource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveBillSource,
    onSuccess: (data) => {
      queryClient.setQueryData(queryKeys.billSource, data);
      void queryClient.invalidateQueries({ queryKey: queryKeys.billStatus });
    },
  });
}
