// GET /api/savings?from=&to=&account= — per bucket: requests, cost and the Bucket Key saving (projected or realized); account=all: every account's
import { route } from "@/lib/api/handler";
import { savingsQuerySchema } from "@/lib/api/schemas/usage";
import { savingsReport } from "@/lib/usage/savings-report";
import { usageScope } from "@/lib/usage/usage-scope";

export const dynamic = "force-dynamic";

export const GET = route({ query: savingsQuerySchema, acrossAccounts: true }, async ({ query, allAccounts }) => savingsReport(query, await usageScope(allAccounts)));
