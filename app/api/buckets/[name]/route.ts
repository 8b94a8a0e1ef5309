// GET /api/buckets/:name — one bucket's posture with its KMS key's state
import { route } from "@/lib/http/route";
import { bucketParamsSchema } from "@/lib/contracts/params";
import { bucketDetailSchema } from "@/lib/contracts/inventory";
import { getBucketDetail } from "@/lib/inventory/bucket-detail";

export const dynamic = "force-dynamic";

export const GET = route({ params: bucketParamsSchema, response: bucketDetailSchema }, ({ params }) =>
  getBucketDetail(params.name),
);
