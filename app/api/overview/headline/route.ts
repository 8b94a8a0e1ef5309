// GET /api/overview/headline?account= — S3's KMS request cost per month, the realized saving so far, the projected saving left; each with its source and days
import { route } from "@/lib/http/route";
import { headlineSchema } from "@/lib/contracts/cost-evidence";
import { ingestStatus } from "@/lib/usage/ingest";
import { headline } from "@/lib/usage/reports/headline";
import { usageScope } from "@/lib/usage/reports/usage-scope";

export const dynamic = "force-dynamic";

export const GET = route({ response: headlineSchema, acrossAccounts: true }, async ({ allAccounts }) =>
  headline(
    await usageScope(allAccounts),
    ingestStatus().warnings.map((w) => w.message),
  ),
);
