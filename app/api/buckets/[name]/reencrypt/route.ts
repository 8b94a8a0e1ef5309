// POST /api/buckets/:name/reencrypt — dry run, or start a job re-encrypting existing objects
import { route } from "@/lib/http/route";
import { bucketParamsSchema } from "@/lib/contracts/params";
import { reencryptAnswerSchema, reencryptRequestSchema } from "@/lib/contracts/objects";
import { dryRun, startJob } from "@/lib/objects/reencrypt/runner";

export const dynamic = "force-dynamic";

export const POST = route(
  { params: bucketParamsSchema, body: reencryptRequestSchema, response: reencryptAnswerSchema, mutation: true },
  ({ params, body }) => (body.dryRun ? dryRun(params.name, body) : startJob(params.name, body)),
);
