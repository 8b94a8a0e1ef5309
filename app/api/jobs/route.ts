// GET /api/jobs?bucket= — re-encryption jobs, newest first
import { z } from "zod";
import { route } from "@/lib/server/route";
import { bucketNameSchema } from "@/lib/contracts/params";
import { jobsSchema } from "@/lib/contracts/objects";
import { listJobs } from "@/lib/objects/job-store";

export const dynamic = "force-dynamic";

export const GET = route(
  { query: z.object({ bucket: bucketNameSchema.optional() }).strict(), response: jobsSchema },
  async ({ query }) => ({
    jobs: listJobs(query.bucket),
  }),
);
