import "server-only";
import type { ScanProgress } from "@/lib/contracts/inventory";
import { inventoryDb } from "./store";

// Per account of the inventory: which AWS account id it is (the console's own account is only
// known from STS, so it is remembered here and a restart needs no AWS call to serve its rows),
// and its latest scan, so progress and "scanned at" survive a restart.
// `key` is lib/aws/account-context.ts's accountCacheKey(): "console", or a role account's id.

type AccountInfo = {
  name: string;
  source: "console" | "file" | "organizations" | "config";
  roleArn: string | null;
};

export type StoredAccount = {
  key: string;
  account: string;
  info: AccountInfo | null;
  lastScan: ScanProgress | null;
  scannedAt: string | null;
};

type Row = {
  key: string;
  account: string;
  info_json: string | null;
  last_scan_json: string | null;
  scanned_at: string | null;
};

const toStored = (r: Row): StoredAccount => ({
  key: r.key,
  account: r.account,
  info: r.info_json ? (JSON.parse(r.info_json) as AccountInfo) : null,
  lastScan: r.last_scan_json ? (JSON.parse(r.last_scan_json) as ScanProgress) : null,
  scannedAt: r.scanned_at,
});

export function rememberAccount(key: string, account: string, info: AccountInfo): void {
  inventoryDb()
    .prepare(
      `INSERT INTO inventory_accounts (key, account, info_json) VALUES (?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET account = excluded.account, info_json = excluded.info_json`,
    )
    .run(key, account, JSON.stringify(info));
}

export function storedAccount(key: string): StoredAccount | null {
  const row = inventoryDb().prepare("SELECT * FROM inventory_accounts WHERE key = ?").get(key) as Row | undefined;
  return row ? toStored(row) : null;
}

export function storedAccounts(): StoredAccount[] {
  return (inventoryDb().prepare("SELECT * FROM inventory_accounts ORDER BY key").all() as Row[]).map(toStored);
}

/**
 * Saves a scan's progress; a finished complete scan also becomes the account's "scanned at".
 * A scan that failed before the account's id was known is kept under an empty id.
 */
export function saveScan(key: string, scan: ScanProgress): void {
  inventoryDb()
    .prepare(
      `INSERT INTO inventory_accounts (key, account, last_scan_json, scanned_at)
       VALUES (@key, '', @json, CASE WHEN @state = 'done' THEN @finishedAt END)
       ON CONFLICT(key) DO UPDATE SET last_scan_json = excluded.last_scan_json,
         scanned_at = CASE WHEN @state = 'done' THEN @finishedAt ELSE scanned_at END`,
    )
    .run({ key, json: JSON.stringify(scan), state: scan.state, finishedAt: scan.finishedAt });
}
