// GET /api/changes?bucket=&account= — the history of applied changes and rollbacks, newest first (account=all: every account's)
import { z } from "zod";
import { currentAccount } from "@/lib/aws/account-context";
import { currentAccountId, listAccounts } from "@/lib/accounts/accounts";
import { route } from "@/lib/http/route";
import { bucketNameSchema } from "@/lib/contracts/params";
import { changesSchema } from "@/lib/contracts/encryption";
import { listChanges } from "@/lib/changes/store";

export const dynamic = "force-dynamic";

export const GET = route(
  { query: z.object({ bucket: bucketNameSchema.optional() }).strict(), response: changesSchema, acrossAccounts: true },
  async ({ query, allAccounts }) => {
    if (allAccounts) {
      // Configured accounts only: one removed from the configuration keeps its history, unshown.
      const ids = (await listAccounts()).accounts.map((a) => a.id);
      return { changes: listChanges({ bucket: query.bucket, among: ids }) };
    }
    const account = { id: await currentAccountId(), consoleAccount: !currentAccount()?.roleArn };
    return { changes: listChanges({ bucket: query.bucket, account }) };
  },
);
