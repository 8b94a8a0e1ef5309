"use client";
import { useMutation } from "@tanstack/react-query";
import type { ReencryptRequest } from "@/lib/contracts/objects";
import { useAccountScope } from "./account-scope";
import { dryRunReencrypt } from "./api/objects";

/** How many objects a re-encryption would examine; writes nothing. */
export function useReencryptDryRun(bucket: string) {
  const account = useAccountScope();
  return useMutation({
    mutationFn: (options: Partial<ReencryptRequest>) => dryRunReencrypt(bucket, options, account),
  });
}
