"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useAccountScope } from "@/lib/client/account-scope";
import { withAccount } from "@/lib/contracts/account-url";
import { sendJson } from "@/lib/client/fetch-json";
import { inventorySetupSchema, type InventorySetupRequest } from "@/lib/contracts/object-inventory";
import { inventoryStatusKey } from "@/lib/client/use-inventory-status";

/** Review (POST …/inventory/review) or apply (PUT …/inventory) the proposed S3 Inventory configuration. */
export function useInventorySetup(bucket: string, mode: "review" | "apply") {
  const account = useAccountScope();
  const qc = useQueryClient();
  const path = `/api/buckets/${encodeURIComponent(bucket)}/objects/inventory${mode === "review" ? "/review" : ""}`;
  return useMutation({
    mutationFn: (setup: InventorySetupRequest) =>
      sendJson(mode === "review" ? "POST" : "PUT", withAccount(path, account), inventorySetupSchema, setup),
    onSuccess: () => {
      if (mode === "apply") void qc.invalidateQueries({ queryKey: inventoryStatusKey(bucket, account) });
    },
  });
}
