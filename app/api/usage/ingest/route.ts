// POST /api/usage/ingest — start reading KMS usage from CloudTrail in every account (one run at a time); GET — its progress and errors
import { route } from "@/lib/http/route";
import { ingestStatusSchema } from "@/lib/contracts/usage";
import { ingestStatus, startIngest } from "@/lib/usage/ingest";

export const dynamic = "force-dynamic";

export const GET = route({ response: ingestStatusSchema, acrossAccounts: true }, async () => ingestStatus());

export const POST = route({ response: ingestStatusSchema, mutation: true, acrossAccounts: true }, async () =>
  startIngest(),
);
