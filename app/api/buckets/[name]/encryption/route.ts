// GET /api/buckets/:name/encryption — the current default encryption and its version
// PUT /api/buckets/:name/encryption — apply a reviewed configuration ({ config, expectedVersion })
import { route } from "@/lib/http/route";
import { auditUser } from "@/lib/http/auth/user";
import { bucketParamsSchema } from "@/lib/contracts/params";
import { applyRequestSchema, applyResultSchema, currentEncryptionSchema } from "@/lib/contracts/encryption";
import { applyEncryption } from "@/lib/encryption/apply";
import { readCurrentEncryption } from "@/lib/encryption/current";
import { estimateBucketSaving } from "@/lib/usage/reports/savings-report";

export const dynamic = "force-dynamic";

export const GET = route({ params: bucketParamsSchema, response: currentEncryptionSchema }, ({ params }) =>
  readCurrentEncryption(params.name),
);

export const PUT = route(
  { params: bucketParamsSchema, body: applyRequestSchema, response: applyResultSchema, mutation: true },
  ({ params, body, user }) =>
    applyEncryption(
      params.name,
      body.config,
      body.expectedVersion,
      body.acknowledgedWarnings,
      { user: auditUser(user) },
      estimateBucketSaving,
    ),
);
