// GET /api/batch-jobs?bucket= — the console's S3 Batch Operations jobs, statuses refreshed with ListJobs
import { route } from "@/lib/http/route";
import { batchJobsQuerySchema, batchJobsSchema } from "@/lib/contracts/batch-jobs";
import { listBatchJobs } from "@/lib/objects/batch/job";

export const dynamic = "force-dynamic";

export const GET = route({ query: batchJobsQuerySchema, response: batchJobsSchema }, ({ query }) =>
  listBatchJobs(query.bucket),
);
