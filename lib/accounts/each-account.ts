import "server-only";
import { AppError } from "@/lib/contracts/errors";
import type { Accounts } from "@/lib/contracts/accounts";
import { callerIdentity } from "@/lib/aws/identity";
import { toAppError } from "@/lib/aws/errors";
import { mapLimit } from "@/lib/runtime/concurrency";
import { serverEnv } from "@/lib/runtime/env";
import type { Account } from "@/lib/contracts/accounts";
import { inAccount } from "@/lib/aws/account-context";
import { listAccounts } from "./accounts";

type AccountOutcome<T> = { account: Account; ok: true; value: T } | { account: Account; ok: false; error: AppError };

/**
 * Runs work in every account, CONSOLE_ACCOUNT_CONCURRENCY at a time unless told otherwise. An account that fails
 * (role not assumable, access denied) yields its error; the others carry on.
 */
export async function inEachAccount<T>(
  work: (account: Account) => Promise<T>,
  { concurrency = serverEnv().accountConcurrency } = {},
): Promise<AccountOutcome<T>[]> {
  const { accounts } = await listAccounts();
  return mapLimit(accounts, concurrency, async (account): Promise<AccountOutcome<T>> => {
    try {
      return { account, ok: true, value: await inAccount(account, () => work(account)) };
    } catch (err) {
      return {
        account,
        ok: false,
        error: err instanceof AppError ? err : toAppError(err, "AWS", `account ${account.id}`),
      };
    }
  });
}

/** Every account, each checked by asking AWS who the console is there (an AssumeRole first for role accounts). */
export async function accountStatuses(): Promise<Accounts> {
  const [{ discoveryError }, outcomes] = await Promise.all([listAccounts(), inEachAccount(() => callerIdentity())]);
  return {
    discoveryError,
    accounts: outcomes.map((o) => ({
      id: o.account.id,
      name: o.account.name,
      source: o.account.source,
      roleArn: o.account.roleArn,
      status: o.ok ? "ok" : "error",
      error: o.ok ? null : { code: o.error.code, message: o.error.message },
    })),
  };
}
