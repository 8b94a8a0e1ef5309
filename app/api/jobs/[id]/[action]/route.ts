// POST /api/jobs/:id/pause|resume|cancel|retry-failed — control a re-encryption job
import { route } from "@/lib/server/route";
import { jobActionParamsSchema, jobSchema } from "@/lib/contracts/objects";
import { controlJob } from "@/lib/objects/reencrypt-runner";

export const dynamic = "force-dynamic";

export const POST = route({ params: jobActionParamsSchema, response: jobSchema, mutation: true }, async ({ params }) =>
  controlJob(params.id, params.action),
);
