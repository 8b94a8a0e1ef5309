// GET /api/inventory/scan — the background scan's progress; POST — Rescan (starts one, or returns the running one);
// DELETE — cancel the running scan, keeping what it read. account=all: every account's.
import { route } from "@/lib/http/route";
import { scanStatusSchema } from "@/lib/contracts/bucket-list";
import { rescanInventory, cancelInventoryScans } from "@/lib/inventory/scan-control";
import { scanStatus } from "@/lib/inventory/page";

export const dynamic = "force-dynamic";

export const GET = route({ response: scanStatusSchema, acrossAccounts: true }, async ({ allAccounts }) =>
  scanStatus(allAccounts),
);

// Rescanning spends AWS requests but changes nothing in AWS: any signed-in role may, from the console's pages.
export const POST = route(
  { response: scanStatusSchema, status: () => 202, acrossAccounts: true, sameOrigin: true },
  ({ allAccounts }) => rescanInventory(allAccounts),
);

// Cancelling stops work another user may have started: operators only, read-only mode included.
export const DELETE = route(
  { response: scanStatusSchema, acrossAccounts: true, stops: true },
  async ({ allAccounts }) => cancelInventoryScans(allAccounts),
);
