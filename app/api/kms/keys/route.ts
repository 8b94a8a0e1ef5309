// GET /api/kms/keys?region= — the keys of a region, each usable or not with the reason
// POST /api/kms/keys — create a symmetric key with an alias and an S3 key policy
import { z } from "zod";
import { route } from "@/lib/http/route";
import { createdKeySchema, createKeyRequestSchema, kmsKeysSchema } from "@/lib/contracts/encryption";
import { awsRegionSchema } from "@/lib/contracts/region";
import { defaultRegion } from "@/lib/aws/client-config";
import { createS3Key } from "@/lib/kms/create-key";
import { listKmsKeys } from "@/lib/kms/list-keys";

export const dynamic = "force-dynamic";

export const GET = route(
  { query: z.object({ region: awsRegionSchema.optional() }).strict(), response: kmsKeysSchema },
  async ({ query }) => {
    const region = query.region ?? (await defaultRegion());
    return { region, keys: await listKmsKeys(region) };
  },
);

export const POST = route(
  { body: createKeyRequestSchema, response: createdKeySchema, mutation: true },
  async ({ body }) => ({
    key: await createS3Key(body.region, body.alias, body.description),
  }),
);
