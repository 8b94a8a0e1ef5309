// GET /api/jobs/:id — one re-encryption job with its counts, failures and skips
import { AppError } from "@/lib/api/errors";
import { route } from "@/lib/api/handler";
import { idParamsSchema } from "@/lib/api/params";
import { getJob } from "@/lib/objects/job-store";

export const dynamic = "force-dynamic";

export const GET = route({ params: idParamsSchema }, async ({ params }) => {
  const job = getJob(params.id);
  if (!job) throw new AppError("not_found", `No re-encryption job #${params.id}.`);
  return job;
});
