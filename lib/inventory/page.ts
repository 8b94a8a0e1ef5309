import "server-only";
import type { BucketListQuery, BucketPage, ScanStatus } from "@/lib/contracts/bucket-list";
import type { AccountScan, ScanProgress } from "@/lib/contracts/inventory";
import { accountCacheKey, currentAccount } from "@/lib/aws/account-context";
import { listAccounts } from "@/lib/accounts/accounts";
import { storedAccount, storedAccounts, type StoredAccount } from "./accounts";
import { queryPage, summarize } from "./query";
import { scanProgress } from "./scan";
import { scheduleBlocked } from "./schedule";
import { bucketCounts } from "./store";

// GET /api/buckets and the scan status: answered from the store and the scan jobs alone, never
// from AWS, so a restart serves the last inventory at once. The scope is the current account
// (route() entered it) or, for `account=all`, every configured account the store knows.

type Scope = { accounts: StoredAccount[]; ids: string[] };

/**
 * The current account, or for `account=all` every account the console is configured to serve now: an account
 * removed from the configuration keeps its rows in the store, but `all` no longer shows them. The accounts the
 * configured AWS Config aggregator covers count as configured (lib/inventory/config/coverage.ts keeps them only
 * while Config is the source).
 */
export async function inventoryScope(allAccounts: boolean): Promise<Scope> {
  if (!allAccounts) return accountScope();
  const configured = new Set((await listAccounts()).accounts.map((a) => a.id));
  const accounts = storedAccounts().filter(
    (a) => a.key === "console" || configured.has(a.account) || a.info?.source === "config",
  );
  return { accounts, ids: accounts.map((a) => a.account).filter(Boolean) };
}

/** The account route() entered (the console's own without `?account=`). */
export function accountScope(): Scope {
  const key = accountCacheKey();
  // A role account's id is its configuration; the console's own is known once a scan has asked STS.
  const stored = storedAccount(key) ?? {
    key,
    account: currentAccount()?.roleArn ? currentAccount()!.id : "",
    info: null,
    lastScan: null,
    scannedAt: null,
  };
  return { accounts: [stored], ids: [stored.account].filter(Boolean) };
}

function accountScans(scope: Scope): AccountScan[] {
  const counts = bucketCounts();
  const blocked = scheduleBlocked();
  return scope.accounts.map((a) => {
    const read = scanProgress(a.key);
    // Never scanned because the schedule cannot list the accounts (no credentials…): say why, and
    // never call the account "ok" while its id is unknown.
    const scan =
      read.state === "never" && blocked ? { ...read, message: blocked.message, errorCode: blocked.code } : read;
    const failed = (scan.state === "failed" || scan.state === "never") && scan.message !== null;
    return {
      id: a.account || (a.key === "console" ? "" : a.key),
      name: a.info?.name ?? (a.key === "console" ? "this console's account" : `account ${a.key}`),
      source: a.info?.source ?? (a.key === "console" ? "console" : "file"),
      roleArn: a.info?.roleArn ?? null,
      status: failed ? "error" : "ok",
      error: failed ? { code: scan.errorCode ?? "internal", message: scan.message! } : null,
      buckets: counts.get(a.account) ?? 0,
      scannedAt: a.scannedAt,
      scan,
    };
  });
}

/** All accounts' scans as one: running while any runs; counts and errors added up. */
function combineScans(scans: readonly ScanProgress[]): ScanProgress {
  if (scans.length === 1) return scans[0]!;
  const order: ScanProgress["state"][] = ["running", "failed", "cancelled", "done", "never"];
  const state = order.find((s) => scans.some((x) => x.state === s)) ?? "never";
  const times = (pick: (s: ScanProgress) => string | null) =>
    scans
      .map(pick)
      .filter((t): t is string => t !== null)
      .sort();
  return {
    state,
    done: scans.reduce((n, s) => n + s.done, 0),
    total: scans.reduce((n, s) => n + s.total, 0),
    startedAt: times((s) => s.startedAt)[0] ?? null,
    finishedAt: state === "running" ? null : (times((s) => s.finishedAt).at(-1) ?? null),
    errors: scans.reduce((n, s) => n + s.errors, 0),
    message:
      scans
        .map((s) => s.message)
        .filter(Boolean)
        .join(" ") || null,
    errorCode: scans.find((s) => s.errorCode)?.errorCode ?? null,
    trigger: scans.find((s) => s.state === state)?.trigger ?? null,
    nextScheduledAt: times((s) => s.nextScheduledAt)[0] ?? null,
  };
}

export async function scanStatus(allAccounts: boolean): Promise<ScanStatus> {
  const accounts = accountScans(await inventoryScope(allAccounts));
  return { scan: combineScans(accounts.map((a) => a.scan)), accounts };
}

export async function bucketPage(query: BucketListQuery, allAccounts: boolean): Promise<BucketPage> {
  const scope = await inventoryScope(allAccounts);
  const accounts = accountScans(scope);
  return {
    ...queryPage(scope.ids, query),
    summary: summarize(scope.ids),
    scan: combineScans(accounts.map((a) => a.scan)),
    accounts,
  };
}
