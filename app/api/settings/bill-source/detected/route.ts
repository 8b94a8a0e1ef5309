// GET /api/settings/bill-source/detected — the account's Data Exports and legacy CUR reports, to fill the bill source
import { route } from "@/lib/http/route";
import { billDetectionSchema } from "@/lib/contracts/bill";
import { detectBillExports } from "@/lib/usage/bill/detect";

export const dynamic = "force-dynamic";

export const GET = route({ response: billDetectionSchema }, async () => detectBillExports());
