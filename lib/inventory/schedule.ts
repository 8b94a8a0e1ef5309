import "server-only";
import { AppError } from "@/lib/contracts/errors";
import { inEachAccount } from "@/lib/accounts/each-account";
import { serverEnv } from "@/lib/runtime/env";
import { scanProgress, startScan } from "./scan";
import { processWide } from "@/lib/runtime/process-wide";
import { startDueConfigPass } from "./config/schedule";

// When full scans start by themselves: at start for an account never scanned (or whose last
// scan a stop cut short), then every CONSOLE_INVENTORY_RESCAN_MINUTES after the last one began.
// Checked once a minute, so an account added to the accounts file or the Organization gets its
// first scan within a minute. Page views never start a scan.
// When the accounts cannot even be listed (no credentials, AWS unreachable) nothing can start: the
// reason is kept for the pages' "not scanned yet" to say, and the check runs every 15 seconds, so the
// first scan starts soon after AWS becomes reachable.

const everyMs = 60_000;
const whileBlockedMs = 15_000;

/** The timer and why scans are blocked: one per process, whichever bundle starts it first. */
const inventorySchedule = processWide("InventorySchedule", () => ({
  timer: null as NodeJS.Timeout | null,
  /** Why the last tick could not start scans (no credentials, the identity unreadable); null when it could. */
  blocked: null as { code: string; message: string } | null,
}));

async function startDueScans(): Promise<void> {
  // With an AWS Config aggregator as the source, Config's passes keep the inventory true; a direct scan runs on Rescan.
  if (startDueConfigPass()) return;
  const minutes = serverEnv().inventoryRescanMinutes;
  await inEachAccount(async () => {
    const scan = scanProgress();
    if (scan.state === "running") return;
    // Interrupted scans show as failed with a startedAt but no finishedAt.
    if (scan.state === "never" || (scan.state === "failed" && !scan.finishedAt)) return void startScan("start");
    if (minutes && scan.startedAt && Date.now() - Date.parse(scan.startedAt) >= minutes * 60_000) startScan("schedule");
  });
}

async function tick(): Promise<void> {
  try {
    await startDueScans();
    inventorySchedule.blocked = null;
  } catch (err) {
    const e = err instanceof AppError ? err : new AppError("internal", "The accounts to scan could not be listed.");
    if (inventorySchedule.blocked?.message !== e.message) console.error("[inventory] scheduling scans failed:", err);
    inventorySchedule.blocked = { code: e.code, message: e.message };
  }
  inventorySchedule.timer = setTimeout(() => void tick(), inventorySchedule.blocked ? whileBlockedMs : everyMs);
  inventorySchedule.timer.unref();
}

export function startInventorySchedule(): void {
  if (inventorySchedule.timer) return;
  // A placeholder until the first tick has set the real timer, so a second call starts no second loop.
  inventorySchedule.timer = setTimeout(() => undefined, 0);
  void tick();
}

/** Why no scan could start yet (kept by the last tick), or null. */
export function scheduleBlocked(): { code: string; message: string } | null {
  return inventorySchedule.blocked;
}
