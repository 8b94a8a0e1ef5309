// GET /api/bill — what was read of the KMS bill (months, files, errors, missing months, unclassified KMS lines);
// POST — read it again (new or changed files only)
import { route } from "@/lib/http/route";
import { billStatusSchema } from "@/lib/contracts/bill";
import { billStatus, startBillIngest } from "@/lib/usage/bill/ingest";

export const dynamic = "force-dynamic";

export const GET = route({ response: billStatusSchema }, async () => billStatus());

export const POST = route({ response: billStatusSchema, mutation: true }, async () => {
  startBillIngest();
  return billStatus();
});
