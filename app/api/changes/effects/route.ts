// GET /api/changes/effects?account= — each applied change measured: KMS requests and cost 7 days before and after, projected beside realized, the key's bill
import { route } from "@/lib/http/route";
import { changeEffectsSchema } from "@/lib/contracts/cost-evidence";
import { changeEffects } from "@/lib/usage/reports/change-effects";
import { usageScope } from "@/lib/usage/reports/usage-scope";

export const dynamic = "force-dynamic";

export const GET = route({ response: changeEffectsSchema, acrossAccounts: true }, async ({ allAccounts }) =>
  changeEffects(await usageScope(allAccounts)),
);
