import "server-only";
import type { ScanStatus } from "@/lib/contracts/bucket-list";
import { inEachAccount } from "@/lib/accounts/each-account";
import { scanStatus } from "./page";
import { cancelScan, startScan } from "./scan";

// Rescan and cancel, for the current account or (account=all) every account.

export async function rescanInventory(allAccounts: boolean): Promise<ScanStatus> {
  if (allAccounts) await inEachAccount(async () => startScan("rescan"));
  else startScan("rescan");
  return scanStatus(allAccounts);
}

export async function cancelInventoryScans(allAccounts: boolean): Promise<ScanStatus> {
  if (allAccounts) await inEachAccount(async () => cancelScan());
  else cancelScan();
  return scanStatus(allAccounts);
}
