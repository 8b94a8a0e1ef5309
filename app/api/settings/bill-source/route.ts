// GET /api/settings/bill-source — where the KMS bill is read from (a Data Export in S3); PUT — name it
import { route } from "@/lib/http/route";
import { billSourceResponseSchema, billSourceSchema } from "@/lib/contracts/bill";
import { readBillSource, saveBillSource } from "@/lib/usage/bill/ingest";

export const dynamic = "force-dynamic";

export const GET = route({ response: billSourceResponseSchema }, async () => ({ source: readBillSource() }));

export const PUT = route(
  { body: billSourceSchema, response: billSourceResponseSchema, mutation: true },
  async ({ body }) => ({ source: saveBillSource(body) }),
);
