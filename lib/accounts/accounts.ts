import "server-only";
import { readFile } from "node:fs/promises";
import { paginateListAccounts } from "@aws-sdk/client-organizations";
import { AppError } from "@/lib/contracts/errors";
import { organizationsClient } from "@/lib/aws/clients";
import { awsCallError } from "@/lib/aws/send";
import { callerIdentity } from "@/lib/aws/identity";
import { serverEnv } from "@/lib/runtime/env";
import type { Account } from "@/lib/contracts/accounts";
import { mergeAccounts, parseAccountsFile, type AccountEntry } from "./accounts-file";
import { currentAccount, inConsoleAccount } from "@/lib/aws/account-context";

// The accounts the console serves: its own, the accounts file's, and (with a role name) the
// Organization's members. Listed again every few minutes so a new member shows up without a
// restart; a failing Organizations listing is reported next to the accounts that still work.

type AccountList = { accounts: Account[]; discoveryError: string | null };

const ttlMs = 5 * 60_000;
const accountList: { cached?: { at: number; list: Promise<AccountList> } } = {};

export function listAccounts(): Promise<AccountList> {
  const hit = accountList.cached;
  if (hit && Date.now() - hit.at < ttlMs) return hit.list;
  const list = inConsoleAccount(loadAccounts);
  accountList.cached = { at: Date.now(), list };
  list.catch(() => (accountList.cached = undefined));
  return list;
}

async function loadAccounts(): Promise<AccountList> {
  const { accountsFile, organizationRoleName } = serverEnv();
  const [own, file] = await Promise.all([
    callerIdentity(),
    accountsFile ? readAccountsFile(accountsFile) : Promise.resolve([]),
  ]);
  let members: { id: string; name: string | null; status: string | null }[] = [];
  let discoveryError: string | null = null;
  if (organizationRoleName) {
    try {
      members = await listOrganizationMembers();
    } catch (err) {
      discoveryError = `Listing the Organization's accounts failed: ${awsCallError(err, "ListAccounts", "the Organization").message}`;
    }
  }
  return {
    accounts: mergeAccounts({ id: own.account }, file, members, organizationRoleName ?? null, partitionOf(own.arn)),
    discoveryError,
  };
}

async function readAccountsFile(file: string): Promise<AccountEntry[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new AppError("internal", `CONSOLE_ACCOUNTS_FILE ${file} cannot be read: check the path and its permissions.`);
  }
  try {
    return parseAccountsFile(text, `CONSOLE_ACCOUNTS_FILE ${file}`);
  } catch (err) {
    throw new AppError("internal", (err as Error).message);
  }
}

async function listOrganizationMembers() {
  const members = [];
  for await (const page of paginateListAccounts({ client: organizationsClient("us-east-1") }, {})) {
    for (const a of page.Accounts ?? [])
      if (a.Id) members.push({ id: a.Id, name: a.Name ?? null, status: a.State ?? a.Status ?? null });
  }
  return members;
}

const partitionOf = (arn: string) => /^arn:(aws[\w-]*):/.exec(arn)?.[1] ?? "aws";

/** The account with this id, or a 404 that lists the ones there are. */
export async function findAccount(id: string): Promise<Account> {
  const { accounts } = await listAccounts();
  const account = accounts.find((a) => a.id === id);
  if (!account) {
    const known = accounts.map((a) => a.id).join(", ");
    throw new AppError(
      "not_found",
      `Account ${id} is not one of the console's accounts (${known}). Add it to CONSOLE_ACCOUNTS_FILE or the Organization.`,
    );
  }
  return account;
}

/** The id of the account the current work is in (the console's own outside inAccount()). */
export async function currentAccountId(): Promise<string> {
  return currentAccount()?.id ?? (await callerIdentity()).account;
}
