"use client";
import { useMutation } from "@tanstack/react-query";
import type { ProposedEncryption } from "@/lib/contracts/encryption";
import { useAccountScope } from "./account-scope";
import { postPreflight } from "./api/buckets";

/**
 * Asks KMS (DescribeKey, through the bucket's pre-flight) whether a typed key can serve the
 * proposal. Resolves to the key check's message when it fails, null when the key is fine.
 */
export function useKeyCheck(bucket: string) {
  const account = useAccountScope();
  return useMutation({
    mutationFn: async (proposal: ProposedEncryption) => {
      const keyCheck = (await postPreflight(bucket, proposal, account)).checks.find((c) => c.id === "key");
      return keyCheck?.status === "fail" ? keyCheck.message : null;
    },
  });
}
