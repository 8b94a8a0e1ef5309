// GET /api/reencrypt-jobs?bucket= — re-encryption jobs, newest first
import { z } from "zod";
import { route } from "@/lib/http/route";
import { bucketNameSchema } from "@/lib/contracts/params";
import { reencryptJobsSchema } from "@/lib/contracts/objects";
import { listJobs } from "@/lib/objects/reencrypt/job-store";

export const dynamic = "force-dynamic";

export const GET = route(
  { query: z.object({ bucket: bucketNameSchema.optional() }).strict(), response: reencryptJobsSchema },
  async ({ query }) => ({
    jobs: listJobs(query.bucket),
  }),
);
