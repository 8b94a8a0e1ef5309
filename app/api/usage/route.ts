// GET /api/usage?bucket=&from=&to=&granularity=hour|day&account= — KMS requests over time by level and operation, priced (account=all: every account's)
import { route } from "@/lib/http/route";
import { usageQuerySchema, usageSeriesSchema } from "@/lib/contracts/usage";
import { usageScope } from "@/lib/usage/reports/usage-scope";
import { usageSeries } from "@/lib/usage/reports/usage-series";

export const dynamic = "force-dynamic";

export const GET = route(
  { query: usageQuerySchema, response: usageSeriesSchema, acrossAccounts: true },
  async ({ query, allAccounts }) => usageSeries(query, await usageScope(allAccounts)),
);
