// GET /api/buckets/:name — one bucket's posture with its KMS key's state; in an account known only from AWS Config, what
// Config recorded
import { route } from "@/lib/http/route";
import { bucketParamsSchema } from "@/lib/contracts/params";
import { bucketDetailSchema } from "@/lib/contracts/inventory";
import { bucketFromConfig, getBucketDetail } from "@/lib/inventory/bucket-detail";

export const dynamic = "force-dynamic";

export const GET = route(
  { params: bucketParamsSchema, response: bucketDetailSchema, withoutRole: true },
  async ({ params, configOnly }) =>
    configOnly ? bucketFromConfig(configOnly, params.name) : getBucketDetail(params.name),
);
