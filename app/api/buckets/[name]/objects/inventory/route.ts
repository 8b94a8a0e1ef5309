// GET /api/buckets/:name/objects/inventory — the bucket's S3 Inventory configurations and latest usable report
// PUT /api/buckets/:name/objects/inventory — apply the reviewed inventory configuration and destination policy
import { route } from "@/lib/http/route";
import { bucketParamsSchema } from "@/lib/contracts/params";
import {
  inventorySetupRequestSchema,
  inventorySetupSchema,
  inventoryStatusSchema,
} from "@/lib/contracts/object-inventory";
import { bucketInventoryStatus } from "@/lib/objects/inventory-reports/locate";
import { planInventorySetup } from "@/lib/objects/inventory-reports/setup";

export const dynamic = "force-dynamic";

export const GET = route({ params: bucketParamsSchema, response: inventoryStatusSchema }, ({ params }) =>
  bucketInventoryStatus(params.name),
);

export const PUT = route(
  { params: bucketParamsSchema, body: inventorySetupRequestSchema, response: inventorySetupSchema, mutation: true },
  ({ params, body }) => planInventorySetup(params.name, body, true),
);
