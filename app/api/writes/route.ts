// GET /api/writes?account= — key creations, inventory setups and Batch submissions with their status, newest first
import { currentAccountId } from "@/lib/accounts/accounts";
import { route } from "@/lib/http/route";
import { awsWritesSchema } from "@/lib/contracts/write-status";
import { listWrites } from "@/lib/changes/write-log";

export const dynamic = "force-dynamic";

export const GET = route({ response: awsWritesSchema, acrossAccounts: true }, async ({ allAccounts }) => ({
  writes: listWrites(allAccounts ? undefined : await currentAccountId()),
}));
