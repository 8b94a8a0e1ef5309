// GET /api/batch-jobs/:id — a prepared S3 Batch Operations job with S3's status (DescribeJob) once submitted
import { route } from "@/lib/http/route";
import { idParamsSchema } from "@/lib/contracts/params";
import { preparedBatchJobSchema } from "@/lib/contracts/batch-jobs";
import { batchJobWithStatus } from "@/lib/objects/batch/job";

export const dynamic = "force-dynamic";

export const GET = route({ params: idParamsSchema, response: preparedBatchJobSchema }, ({ params }) =>
  batchJobWithStatus(params.id),
);
