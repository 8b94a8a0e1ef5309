// POST /api/reencrypt-jobs/:id/resume|retry-failed — start a re-encryption job's workers again (pause and cancel
// are routes of their own: they stop work, which read-only mode allows)
import { route } from "@/lib/http/route";
import { reencryptJobActionParamsSchema, reencryptJobSchema } from "@/lib/contracts/objects";
import { controlJob } from "@/lib/objects/reencrypt/runner";

export const dynamic = "force-dynamic";

export const POST = route(
  {
    params: reencryptJobActionParamsSchema,
    response: reencryptJobSchema,
    mutation: true,
    note: "`:action` is `resume` or `retry-failed`",
  },
  async ({ params }) => controlJob(params.id, params.action),
);
