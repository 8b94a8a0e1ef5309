// GET /api/usage?bucket=&from=&to=&granularity=hour|day — KMS requests over time by level and operation, priced
import { route } from "@/lib/api/handler";
import { usageQuerySchema } from "@/lib/api/schemas/usage";
import { usageSeries } from "@/lib/usage/usage-series";

export const dynamic = "force-dynamic";

export const GET = route({ query: usageQuerySchema }, async ({ query }) => usageSeries(query));
