// GET /api/buckets/:name/objects/scan — the running or last object-level encryption audit
// POST /api/buckets/:name/objects/scan — start ({ source?: "inventory" | "objects", sampleSize? }) or cancel it
import { route } from "@/lib/http/route";
import { bucketParamsSchema } from "@/lib/contracts/params";
import { objectScanSchema, scanRequestSchema } from "@/lib/contracts/objects";
import { cancelObjectScan, getObjectScan, startObjectScan } from "@/lib/objects/audit";

export const dynamic = "force-dynamic";

export const GET = route({ params: bucketParamsSchema, response: objectScanSchema }, async ({ params }) =>
  getObjectScan(params.name),
);

// An audit only reads objects (HeadObject): viewers and read-only mode may run it.
export const POST = route(
  { params: bucketParamsSchema, body: scanRequestSchema, response: objectScanSchema, sameOrigin: true },
  ({ params, body }) =>
    body.action === "cancel"
      ? Promise.resolve(cancelObjectScan(params.name))
      : startObjectScan(params.name, { source: body.source, sampleSize: body.sampleSize }),
);
