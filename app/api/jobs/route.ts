// GET /api/jobs?bucket= — re-encryption jobs, newest first
import { z } from "zod";
import { route } from "@/lib/server/route";
import { bucketNameSchema } from "@/lib/contracts/params";
import { listJobs } from "@/lib/objects/job-store";

export const dynamic = "force-dynamic";

export const GET = route({ query: z.object({ bucket: bucketNameSchema.optional() }).strict() }, async ({ query }) => ({
  jobs: listJobs(query.bucket),
}));
