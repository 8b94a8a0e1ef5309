// GET /api/savings?from=&to=&account= — per bucket: requests, cost and the Bucket Key saving (projected or realized); account=all: every account's
import { route } from "@/lib/http/route";
import { savingsQuerySchema, savingsSchema } from "@/lib/contracts/usage";
import { savingsReport } from "@/lib/usage/reports/savings-report";
import { usageScope } from "@/lib/usage/reports/usage-scope";

export const dynamic = "force-dynamic";

export const GET = route(
  { query: savingsQuerySchema, response: savingsSchema, acrossAccounts: true },
  async ({ query, allAccounts }) => savingsReport(query, await usageScope(allAccounts)),
);
