// POST /api/reencrypt-jobs/:id/pause|resume|cancel|retry-failed — control a re-encryption job
import { route } from "@/lib/http/route";
import { reencryptJobActionParamsSchema, reencryptJobSchema } from "@/lib/contracts/objects";
import { controlJob } from "@/lib/objects/reencrypt/runner";

export const dynamic = "force-dynamic";

export const POST = route(
  { params: reencryptJobActionParamsSchema, response: reencryptJobSchema, mutation: true },
  async ({ params }) => controlJob(params.id, params.action),
);
