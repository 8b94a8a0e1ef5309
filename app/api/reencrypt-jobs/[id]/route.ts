// GET /api/reencrypt-jobs/:id — one re-encryption job with its counts, failures and skips
import { AppError } from "@/lib/contracts/errors";
import { route } from "@/lib/http/route";
import { idParamsSchema } from "@/lib/contracts/params";
import { reencryptJobSchema } from "@/lib/contracts/objects";
import { getJob } from "@/lib/objects/reencrypt/job-store";

export const dynamic = "force-dynamic";

export const GET = route({ params: idParamsSchema, response: reencryptJobSchema }, async ({ params }) => {
  const job = getJob(params.id);
  if (!job) throw new AppError("not_found", `No re-encryption job #${params.id}.`);
  return job;
});
