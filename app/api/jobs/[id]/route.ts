// GET /api/jobs/:id — one re-encryption job with its counts, failures and skips
import { z } from "zod";
import { AppError } from "@/lib/api/errors";
import { route } from "@/lib/api/handler";
import { getJob } from "@/lib/objects/job-store";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ id: z.string().regex(/^\d{1,12}$/, "a job id is a number").transform(Number) }).strict();

export const GET = route({ params: paramsSchema }, async ({ params }) => {
  const job = getJob(params.id);
  if (!job) throw new AppError("not_found", `No re-encryption job #${params.id}.`);
  return job;
});
