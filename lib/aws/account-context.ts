import "server-only";
import type { Account } from "@/lib/contracts/accounts";
import { AsyncLocalStorage } from "node:async_hooks";
import { processWide } from "@/lib/runtime/process-wide";
import type { ActingUser } from "./role-session-name";

// The account the work in progress runs in: every AWS client of every bundle reads it, so it is one per process.
const storage = processWide("AccountContext", () => new AsyncLocalStorage<Account>());

// Which account the work in progress reads and changes. A request (route()), an ingestion
// run or a resumed job enters an account once; every AWS client made below it
// (lib/aws/clients.ts) then signs with that account's credentials, so the domain modules
// need no account argument threaded through every call. The storage itself is process state
// (lib/runtime/process-wide.ts).

export function inAccount<T>(account: Account, work: () => Promise<T>): Promise<T> {
  return storage.run(account, work);
}

/** The account being worked in; undefined outside inAccount(): the console's own account. */
export function currentAccount(): Account | undefined {
  return storage.getStore();
}

/** Runs work with the console's own credentials, e.g. the AssumeRole call that enters another account. */
export function inConsoleAccount<T>(work: () => Promise<T>): Promise<T> {
  return storage.exit(work);
}

// Who the work in progress acts for: route() enters the signed-in user, so a role session in another account
// names that person (role-session.ts); background work (scans, ingestion, checks) acts for nobody.
const users = processWide("ActingUser", () => new AsyncLocalStorage<ActingUser>());

export function asUser<T>(user: ActingUser, work: () => Promise<T>): Promise<T> {
  return users.run(user, work);
}

export function actingUser(): ActingUser | null {
  return users.getStore() ?? null;
}

/** Who a write record names: the signed-in person; null for the unnamed local user and background work. */
export function actingUserName(): string | null {
  const user = users.getStore();
  return user && user.method !== "local" ? user.name : null;
}

/** A cache key for per-account state: the console's own account has one key however it was entered. */
export function accountCacheKey(): string {
  const account = storage.getStore();
  return account?.roleArn ? account.id : "console";
}
