// POST /api/reencrypt-jobs/:id/cancel — cancel a re-encryption job (stopping work: read-only mode allows it)
import { route } from "@/lib/http/route";
import { idParamsSchema } from "@/lib/contracts/params";
import { reencryptJobSchema } from "@/lib/contracts/objects";
import { controlJob } from "@/lib/objects/reencrypt/runner";

export const dynamic = "force-dynamic";

export const POST = route({ params: idParamsSchema, response: reencryptJobSchema, stops: true }, async ({ params }) =>
  controlJob(params.id, "cancel"),
);
