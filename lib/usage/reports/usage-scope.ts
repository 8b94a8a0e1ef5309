import "server-only";
import { currentAccount } from "@/lib/aws/account-context";
import { currentAccountId, listAccounts } from "@/lib/accounts/accounts";
import type { AccountFilter } from "@/lib/usage/store/queries";

/**
 * Which accounts' usage a report reads. `consoleAccount` names the rows stored before accounts
 * were recorded (account ''), which all came from the console's own account. `all`: `account=all`, which
 * means every account configured now (an account removed from the configuration keeps its rows, unread).
 */
export type UsageScope = { accounts: AccountFilter; consoleAccount: string; all: boolean };

export async function usageScope(allAccounts: boolean): Promise<UsageScope> {
  if (allAccounts) {
    const { accounts } = await listAccounts();
    return { accounts: [...accounts.map((a) => a.id), ""], consoleAccount: accounts[0]!.id, all: true };
  }
  const id = await currentAccountId();
  if (currentAccount()?.roleArn) {
    const consoleAccount = (await listAccounts()).accounts[0]!.id;
    return { accounts: [id], consoleAccount, all: false };
  }
  return { accounts: [id, ""], consoleAccount: id, all: false };
}
