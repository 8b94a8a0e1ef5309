// POST /api/buckets/:name/batch-job — prepare an S3 Batch Operations job ({ manifest, roleArn, prefix? }) for review
import { route } from "@/lib/http/route";
import { bucketParamsSchema } from "@/lib/contracts/params";
import { batchJobRequestSchema, preparedBatchJobSchema } from "@/lib/contracts/batch-jobs";
import { prepareBatchJob } from "@/lib/objects/batch/job";

export const dynamic = "force-dynamic";

export const POST = route(
  { params: bucketParamsSchema, body: batchJobRequestSchema, response: preparedBatchJobSchema, mutation: true },
  ({ params, body }) => prepareBatchJob(params.name, body),
);
