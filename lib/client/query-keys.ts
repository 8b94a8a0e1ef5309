import type { ProposedEncryption } from "@/lib/contracts/encryption";
import type { AccountSelection } from "./account-scope";

// Every query key, built here so mutations can invalidate exactly what they change. Data that
// differs per account names the account last: a prefix without it (queryKeyPrefixes) matches the
// same data in every account's view — a bucket is listed under its own account, under "all", and
// under null when it belongs to the console itself, and a change shows in all three.

type Range = { from: string; to: string };

export const queryKeys = {
  // The same for every account: who is signed in, the server's health, the settings, the
  // ingestion run (it reads every account's trail).
  health: ["health"] as const,
  session: ["session"] as const,
  accounts: ["accounts"] as const,
  pricing: ["pricing"] as const,
  ingest: ["usage-ingest"] as const,
  usageSource: (account: string) => ["usage-source", account] as const,
  inventorySource: ["inventory-source"] as const,
  guardrail: ["inventory-source", "guardrail"] as const,
  billStatus: ["bill", "status"] as const,
  billSource: ["bill", "source"] as const,
  detectedExports: ["bill", "detected"] as const,

  // Everything read from the inventory store starts with "inventory", so an apply refreshes it all.
  /** The scope's summary, scan and accounts (a one-row page). */
  inventory: (account: AccountSelection) => ["inventory", "summary", account] as const,
  /** The bucket table's pages for one query (filters, search, sort). */
  bucketPages: (query: string, account: AccountSelection) => ["inventory", "pages", query, account] as const,
  inventoryScan: (account: AccountSelection) => ["inventory", "scan", account] as const,
  topCandidates: (limit: number, account: AccountSelection) => ["inventory", "candidates", limit, account] as const,
  /**
   * The buckets a bulk wizard edits, resolved once from its filters. Deliberately outside
   * "inventory": an apply must not change the list under a wizard that is saving it.
   */
  wizardBuckets: (query: string, account: AccountSelection) => ["wizard-buckets", query, account] as const,
  bucket: (name: string, account: AccountSelection) => ["bucket", name, account] as const,
  encryption: (bucket: string, account: AccountSelection) => ["encryption", bucket, account] as const,
  preflight: (bucket: string, proposal: ProposedEncryption, account: AccountSelection) =>
    ["preflight", bucket, proposal, account] as const,
  kmsKeys: (region: string, account: AccountSelection) => ["kms-keys", region, account] as const,
  changes: (account: AccountSelection) => ["changes", account] as const,
  outsideChanges: (account: AccountSelection) => ["outside-changes", account] as const,
  /** Key creations, inventory setups, Batch submissions: under "changes", so what refreshes History refreshes them. */
  writes: (account: AccountSelection) => ["changes", "writes", account] as const,
  usage: (bucket: string | null, range: Range, granularity: string, account: AccountSelection) =>
    ["usage", bucket, range.from, range.to, granularity, account] as const,
  savings: (range: Range, account: AccountSelection) => ["savings", range.from, range.to, account] as const,
  /** Everything built on the bill starts with "cost-evidence", so a bill read refreshes it all. */
  reconciliation: (key: string | null, account: AccountSelection) =>
    ["cost-evidence", "reconciliation", key, account] as const,
  changeEffects: (account: AccountSelection) => ["cost-evidence", "change-effects", account] as const,
  headline: (account: AccountSelection) => ["cost-evidence", "headline", account] as const,
  objectScan: (bucket: string, account: AccountSelection) => ["object-scan", bucket, account] as const,
  reencryptJobs: (bucket: string, account: AccountSelection) => ["reencrypt-jobs", bucket, account] as const,
  objectInventory: (bucket: string, account: AccountSelection) => ["object-inventory", bucket, account] as const,
  batchJob: (id: number, account: AccountSelection) => ["batch-job", id, account] as const,
  batchJobs: (bucket: string | null, account: AccountSelection) => ["batch-jobs", bucket, account] as const,
};

/** The same data in every account's view (see above). */
export const queryKeyPrefixes = {
  inventory: ["inventory"] as const,
  bucket: (name: string) => ["bucket", name] as const,
  encryption: (bucket: string) => ["encryption", bucket] as const,
  preflight: (bucket: string) => ["preflight", bucket] as const,
  kmsKeys: (region: string) => ["kms-keys", region] as const,
  changes: ["changes"] as const,
  costEvidence: ["cost-evidence"] as const,
  usage: ["usage"] as const,
  savings: ["savings"] as const,
  reencryptJobs: (bucket: string) => ["reencrypt-jobs", bucket] as const,
  batchJobs: ["batch-jobs"] as const,
};

const notPerAccount: readonly unknown[] = [queryKeys.health[0], queryKeys.session[0]];

/** Whether a cached query should be fetched again when the header switches accounts. */
export function refetchOnAccountSwitch(queryKey: readonly unknown[]): boolean {
  return !notPerAccount.includes(queryKey[0]);
}
