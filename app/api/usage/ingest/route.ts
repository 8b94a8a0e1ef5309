// POST /api/usage/ingest — start reading KMS usage from CloudTrail (one run at a time); GET — its progress and errors
import { route } from "@/lib/api/handler";
import { ingestStatus, startIngest } from "@/lib/usage/ingest";

export const dynamic = "force-dynamic";

export const GET = route({}, async () => ingestStatus());

export const POST = route({ mutation: true }, async () => startIngest());
