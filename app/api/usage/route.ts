// GET /api/usage?bucket=&from=&to=&granularity=hour|day&account= — KMS requests over time by level and operation, priced (account=all: every account's)
import { route } from "@/lib/api/handler";
import { usageQuerySchema } from "@/lib/api/schemas/usage";
import { usageScope } from "@/lib/usage/usage-scope";
import { usageSeries } from "@/lib/usage/usage-series";

export const dynamic = "force-dynamic";

export const GET = route({ query: usageQuerySchema, acrossAccounts: true }, async ({ query, allAccounts }) => usageSeries(query, await usageScope(allAccounts)));
