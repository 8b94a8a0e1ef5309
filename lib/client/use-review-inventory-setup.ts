"use client";
import { useMutation } from "@tanstack/react-query";
import type { InventorySetupRequest } from "@/lib/contracts/object-inventory";
import { useAccountScope } from "./account-scope";
import { reviewInventorySetup } from "./api/object-inventory";

/** The PutBucketInventoryConfiguration request and destination policy for review; applies nothing. */
export function useReviewInventorySetup(bucket: string) {
  const account = useAccountScope();
  return useMutation({ mutationFn: (setup: InventorySetupRequest) => reviewInventorySetup(bucket, setup, account) });
}
