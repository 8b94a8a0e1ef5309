// GET /api/outside-changes?bucket=&account= — changes made outside this console, from CloudTrail, newest first
import { z } from "zod";
import { currentAccountId } from "@/lib/accounts/accounts";
import { route } from "@/lib/http/route";
import { bucketNameSchema } from "@/lib/contracts/params";
import { outsideChangesLimit, outsideChangesSchema } from "@/lib/contracts/outside-changes";
import { outsideChanges } from "@/lib/inventory/bucket-events-store";

export const dynamic = "force-dynamic";

export const GET = route(
  {
    query: z.object({ bucket: bucketNameSchema.optional() }).strict(),
    response: outsideChangesSchema,
    acrossAccounts: true,
  },
  async ({ query, allAccounts }) => {
    const accounts = allAccounts ? undefined : [await currentAccountId()];
    // One more than shown says whether older ones were left out.
    const rows = outsideChanges({ accounts, bucket: query.bucket, limit: outsideChangesLimit + 1 });
    return { changes: rows.slice(0, outsideChangesLimit), truncated: rows.length > outsideChangesLimit };
  },
);
