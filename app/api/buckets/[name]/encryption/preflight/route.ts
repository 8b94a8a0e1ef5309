// POST /api/buckets/:name/encryption/preflight — review a proposed configuration: diff, checks, code
import { route } from "@/lib/http/route";
import { bucketParamsSchema } from "@/lib/contracts/params";
import { preflightRequestSchema, preflightResultSchema } from "@/lib/contracts/encryption";
import { readCurrentEncryption } from "@/lib/encryption/current";
import { reviewEncryptionChange } from "@/lib/encryption/preflight";
import { estimateBucketSaving } from "@/lib/usage/reports/savings-report";

export const dynamic = "force-dynamic";

// A review reads AWS but changes nothing, so it is not a mutation: viewers and read-only mode may review.
export const POST = route(
  { params: bucketParamsSchema, body: preflightRequestSchema, response: preflightResultSchema, sameOrigin: true },
  async ({ params, body }) =>
    reviewEncryptionChange(await readCurrentEncryption(params.name), body.config, estimateBucketSaving),
);
