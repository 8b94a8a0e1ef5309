// GET /api/inventory/scan — the background scan's progress; POST — Rescan (starts one, or returns the running one);
// DELETE — cancel the running scan, keeping what it read. account=all: every account's.
import { NextResponse } from "next/server";
import { route } from "@/lib/server/route";
import { rescanInventory, cancelInventoryScans } from "@/lib/buckets/scan-control";
import { scanStatus } from "@/lib/buckets/inventory-page";

export const dynamic = "force-dynamic";

export const GET = route({ acrossAccounts: true }, async ({ allAccounts }) => scanStatus(allAccounts));

// Rescanning spends AWS requests but changes nothing in AWS: any signed-in role may, from the console's pages.
export const POST = route({ acrossAccounts: true, sameOrigin: true }, async ({ allAccounts }) =>
  NextResponse.json(await rescanInventory(allAccounts), { status: 202, headers: { "Cache-Control": "no-store" } }),
);

export const DELETE = route({ acrossAccounts: true, sameOrigin: true }, async ({ allAccounts }) =>
  cancelInventoryScans(allAccounts),
);
