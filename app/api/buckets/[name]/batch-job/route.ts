// POST /api/buckets/:name/batch-job — write a manifest and prepare an S3 Batch Operations job for review
import { route } from "@/lib/server/route";
import { bucketParamsSchema } from "@/lib/contracts/params";
import { batchJobRequestSchema, preparedBatchJobSchema } from "@/lib/contracts/objects";
import { prepareBatchJob } from "@/lib/objects/batch-job";

export const dynamic = "force-dynamic";

export const POST = route(
  { params: bucketParamsSchema, body: batchJobRequestSchema, response: preparedBatchJobSchema, mutation: true },
  ({ params, body }) => prepareBatchJob(params.name, body.operation, body.roleArn, body.prefix),
);
