// GET /api/buckets/:name/objects/scan — the running or last object-level encryption audit
// POST /api/buckets/:name/objects/scan — start ({ source?: "inventory" | "objects", sampleSize? }) or cancel it
import { assertOperator, route } from "@/lib/http/route";
import { bucketParamsSchema } from "@/lib/contracts/params";
import { objectScanSchema, scanRequestSchema } from "@/lib/contracts/objects";
import { cancelObjectScan, getObjectScan, startObjectScan, viewerSampleSize } from "@/lib/objects/audit";

export const dynamic = "force-dynamic";

export const GET = route({ params: bucketParamsSchema, response: objectScanSchema }, async ({ params }) =>
  getObjectScan(params.name),
);

// An audit only reads objects (HeadObject): viewers and read-only mode may run it, viewers on a bounded sample.
export const POST = route(
  {
    params: bucketParamsSchema,
    body: scanRequestSchema,
    response: objectScanSchema,
    sameOrigin: true,
    note: `a viewer's audit reads at most ${viewerSampleSize.toLocaleString("en-US")} objects; cancelling is for operators`,
  },
  async ({ params, body, user }) => {
    if (body.action === "cancel") {
      assertOperator(user, "cancel an audit");
      return cancelObjectScan(params.name);
    }
    const fullListing = user.role === "operator";
    return startObjectScan(params.name, { source: body.source, sampleSize: body.sampleSize, fullListing });
  },
);
