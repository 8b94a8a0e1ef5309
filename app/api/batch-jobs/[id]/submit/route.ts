// POST /api/batch-jobs/:id/submit — submit the reviewed S3 Batch Operations job (CreateJob)
import { route } from "@/lib/http/route";
import { idParamsSchema } from "@/lib/contracts/params";
import { preparedBatchJobSchema } from "@/lib/contracts/batch-jobs";
import { submitBatchJob } from "@/lib/objects/batch/job";

export const dynamic = "force-dynamic";

export const POST = route({ params: idParamsSchema, response: preparedBatchJobSchema, mutation: true }, ({ params }) =>
  submitBatchJob(params.id),
);
