// GET /api/buckets — every bucket's encryption posture (cached; ?refresh=1 rescans)
import { route } from "@/lib/api/handler";
import { refreshQuerySchema } from "@/lib/api/params";
import { getInventory } from "@/lib/buckets/inventory";

export const dynamic = "force-dynamic";

export const GET = route({ query: refreshQuerySchema }, ({ query }) => getInventory({ refresh: query.refresh === "1" }));
