// GET /api/jobs/:id — one re-encryption job with its counts, failures and skips
import { AppError } from "@/lib/contracts/errors";
import { route } from "@/lib/server/route";
import { idParamsSchema } from "@/lib/contracts/params";
import { jobSchema } from "@/lib/contracts/objects";
import { getJob } from "@/lib/objects/job-store";

export const dynamic = "force-dynamic";

export const GET = route({ params: idParamsSchema, response: jobSchema }, async ({ params }) => {
  const job = getJob(params.id);
  if (!job) throw new AppError("not_found", `No re-encryption job #${params.id}.`);
  return job;
});
