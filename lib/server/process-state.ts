import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { Account } from "@/lib/accounts/account-config";
import type { AccountList } from "@/lib/accounts/accounts";
import type { CallerIdentity } from "@/lib/aws/identity";
import type { HeldRoleCredentials } from "@/lib/aws/role-credentials";
import type { ScanProgress } from "@/lib/contracts/inventory";
import type { ObjectScan } from "@/lib/contracts/objects";
import type { IngestStatus } from "@/lib/contracts/usage";
import type { AliasIndex } from "@/lib/kms/alias-index";
import type { Db } from "@/lib/server/db";
import type { ServerEnv } from "@/lib/server/env";
import { createRateLimiter } from "@/lib/server/security/rate-limit";

// Every process-wide singleton and module-level cache of the server, in one place. Two kinds:
// - processWide(): one per process, kept on globalThis. Next may load a module once per route bundle (and once
//   more for instrumentation.ts), so module scope would give each bundle its own copy; these must be one, because
//   what one bundle starts or counts another one reads, stops or limits.
// - module scope: caches nothing invalidates from outside, of answers AWS or the disk would give again; a copy per
//   bundle costs a repeated call, never a wrong answer.
// Not here: memos of pure functions (cloudtrail-record's hour parse) and usage-store's prepared statements, which
// belong to their connection (a WeakMap keyed by the Db).

function processWide<T>(name: string, create: () => T): T {
  const holder = globalThis as unknown as Record<string, T | undefined>;
  return (holder[`__bkc${name}`] ??= create());
}

// ---- One per process (globalThis) ----

/** The account the work in progress runs in (lib/aws/account-context.ts): every AWS client of every bundle reads it. */
export const accountContext = processWide("AccountContext", () => new AsyncLocalStorage<Account>());

/** Assumed-role credentials per account (lib/aws/role-session.ts): one AssumeRole per account is the point. */
export const roleSessions: HeldRoleCredentials = processWide("RoleSessions", () => new Map());

/** The one CloudTrail ingestion (lib/usage/ingest.ts): started on start-up or by a route, watched by another. */
export const ingestion = processWide("Ingestion", () => ({
  job: undefined as Omit<IngestStatus, "errors"> | undefined,
  run: undefined as Promise<void> | undefined,
}));

/**
 * Re-encryption jobs whose workers run (lib/objects/reencrypt-runner.ts), by job id: instrumentation.ts resumes
 * them, one route starts them and another pauses or resumes them; a job must never get a second set of workers.
 */
export const reencryptionWorkers = processWide("ReencryptionWorkers", () => new Map<number, Promise<void>>());

/** Object audits in progress (lib/objects/object-scan.ts), by bucket: progress and cancel reach the running scan. */
export const objectScans = processWide(
  "ObjectScans",
  () => new Map<string, { scan: ObjectScan; cancelled: boolean }>(),
);

/** Changes per user and minute (route(), CONSOLE_MUTATIONS_PER_MINUTE): the limit holds across every route. */
export function mutationLimiter(perMinute: number): ReturnType<typeof createRateLimiter> {
  // Created on first use, not at import: the caller reads perMinute from serverEnv(), which throws on a bad
  // configuration, and that error belongs to a request.
  return processWide("MutationLimiter", () => createRateLimiter({ perMinute }));
}

/**
 * Password attempts per user name, ten a minute, then locked until the bucket refills (lib/server/auth/auth.ts):
 * the sign-in route and the sign-in page's server action check the same count.
 */
export const signInLimiter = processWide("SignInLimiter", () => createRateLimiter({ perMinute: 10 }));

/**
 * The background inventory scan of each account (lib/buckets/inventory-scan.ts): one per account, so
 * Rescan from a page, the schedule and the start-up scan (each its own bundle) find the running one.
 */
export const inventoryScanJobs = processWide(
  "InventoryScans",
  () => new Map<string, { progress: ScanProgress; cancelled: boolean; run: Promise<void> }>(),
);

/** The once-a-minute timer that starts scheduled scans (lib/buckets/inventory-schedule.ts): one per process. */
export const inventorySchedule = processWide("InventorySchedule", () => ({
  timer: null as NodeJS.Timeout | null,
  /** Why the last tick could not start scans (no credentials, the identity unreadable); null when it could. */
  blocked: null as { code: string; message: string } | null,
}));

/** KMS alias listings per account and region (lib/kms/alias-index.ts): key creation forgets one, a review reads it. */
export const aliasIndexes = processWide(
  "AliasIndexes",
  () => new Map<string, { at: number; index: Promise<AliasIndex> }>(),
);

// ---- Module scope: caches ----

/** The parsed environment (lib/server/env.ts): the same in every copy, since process.env is. */
export const envCache: { env?: ServerEnv } = {};

/**
 * The SQLite connection (lib/server/db.ts) and the writes made through it (usage-store's storeGeneration): a
 * connection per bundle is safe (WAL, busy_timeout), and the counter must stay beside its own connection, because
 * SQLite's data_version counts the other connections' commits.
 */
export const database: { db?: Db; usageWrites: number } = { usageWrites: 0 };

/** AWS SDK clients by kind, region and account (lib/aws/client-config.ts), and the configured home region. */
export const awsClients = { byKey: new Map<string, unknown>(), homeRegion: undefined as Promise<string> | undefined };

/** GetCallerIdentity per account (lib/aws/identity.ts), with the time it was asked. */
export const callerIdentities = new Map<string, { value: CallerIdentity; at: number }>();

/** The accounts the console serves (lib/accounts/accounts.ts), listed again after a few minutes. */
export const accountList: { cached?: { at: number; list: Promise<AccountList> } } = {};

/** Each bucket's region (lib/buckets/bucket-region.ts): it never changes. */
export const bucketRegions = new Map<string, string>();

/** Usage and savings reports (lib/usage/reports/report-cache.ts), until the usage store changes. */
export const reports = new Map<string, unknown>();
