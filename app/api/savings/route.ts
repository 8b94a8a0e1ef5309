// GET /api/savings?from=&to= — per bucket: requests, cost and the Bucket Key saving (projected or realized)
import { route } from "@/lib/api/handler";
import { savingsQuerySchema } from "@/lib/api/schemas/usage";
import { savingsReport } from "@/lib/usage/savings-report";

export const dynamic = "force-dynamic";

export const GET = route({ query: savingsQuerySchema }, ({ query }) => savingsReport(query));
