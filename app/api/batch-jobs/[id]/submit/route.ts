// POST /api/batch-jobs/:id/submit — submit the reviewed S3 Batch Operations job (CreateJob)
import { z } from "zod";
import { route } from "@/lib/api/handler";
import { submitBatchJob } from "@/lib/objects/batch-job";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ id: z.string().regex(/^\d{1,12}$/, "a job id is a number").transform(Number) }).strict();

export const POST = route({ params: paramsSchema, mutation: true }, ({ params }) => submitBatchJob(params.id));
