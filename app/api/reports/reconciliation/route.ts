// GET /api/reports/reconciliation?from=&to=&key=&account= — the KMS bill beside CloudTrail's S3 calls per key and day (account=all: every account's)
import { route } from "@/lib/http/route";
import { reconciliationQuerySchema, reconciliationSchema } from "@/lib/contracts/cost-evidence";
import { ingestStatus } from "@/lib/usage/ingest";
import { reconciliationReport } from "@/lib/usage/reports/reconciliation-report";
import { usageScope } from "@/lib/usage/reports/usage-scope";

export const dynamic = "force-dynamic";

export const GET = route(
  { query: reconciliationQuerySchema, response: reconciliationSchema, acrossAccounts: true },
  async ({ query, allAccounts }) =>
    reconciliationReport(
      query,
      await usageScope(allAccounts),
      ingestStatus().warnings.map((w) => w.message),
    ),
);
