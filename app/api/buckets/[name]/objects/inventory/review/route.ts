// POST /api/buckets/:name/objects/inventory/review — the PutBucketInventoryConfiguration request and destination policy, not applied
import { route } from "@/lib/http/route";
import { bucketParamsSchema } from "@/lib/contracts/params";
import { inventorySetupRequestSchema, inventorySetupSchema } from "@/lib/contracts/object-inventory";
import { planInventorySetup } from "@/lib/objects/inventory-reports/setup";

export const dynamic = "force-dynamic";

// A review only reads AWS: viewers and read-only mode may see what would be applied.
export const POST = route(
  { params: bucketParamsSchema, body: inventorySetupRequestSchema, response: inventorySetupSchema, sameOrigin: true },
  ({ params, body }) => planInventorySetup(params.name, body),
);
