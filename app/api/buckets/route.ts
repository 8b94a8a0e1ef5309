// GET /api/buckets — every bucket's encryption posture (cached; ?refresh=1 rescans; ?account=all: every account's)
import { route } from "@/lib/server/route";
import { refreshQuerySchema } from "@/lib/contracts/params";
import { inventorySchema } from "@/lib/contracts/inventory";
import { getAllAccountsInventory } from "@/lib/buckets/all-accounts-inventory";
import { getInventory } from "@/lib/buckets/inventory";

export const dynamic = "force-dynamic";

export const GET = route(
  { query: refreshQuerySchema, response: inventorySchema, acrossAccounts: true },
  ({ query, allAccounts }) =>
    (allAccounts ? getAllAccountsInventory : getInventory)({ refresh: query.refresh === "1" }),
);
