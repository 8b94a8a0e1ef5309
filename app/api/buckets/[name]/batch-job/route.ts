// POST /api/buckets/:name/batch-job — write a manifest and prepare an S3 Batch Operations job for review
import { route } from "@/lib/api/handler";
import { bucketParamsSchema } from "@/lib/api/params";
import { batchJobRequestSchema } from "@/lib/api/schemas/objects";
import { prepareBatchJob } from "@/lib/objects/batch-job";

export const dynamic = "force-dynamic";

export const POST = route({ params: bucketParamsSchema, body: batchJobRequestSchema, mutation: true }, ({ params, body }) =>
  prepareBatchJob(params.name, body.operation, body.roleArn, body.prefix),
);
