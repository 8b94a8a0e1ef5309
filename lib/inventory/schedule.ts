import "server-only";
import { inEachAccount } from "@/lib/accounts/each-account";
import { serverEnv } from "@/lib/runtime/env";
import { scanProgress, startScan } from "./scan";
import { processWide } from "@/lib/runtime/process-wide";

// When full scans start by themselves: at start for an account never scanned (or whose last
// scan a stop cut short), then every CONSOLE_INVENTORY_RESCAN_MINUTES after the last one began.
// Checked once a minute, so an account added to the accounts file or the Organization gets its
// first scan within a minute. Page views never start a scan.

/** The once-a-minute timer: one per process, whichever bundle starts it first. */
const inventorySchedule = processWide("InventorySchedule", () => ({ timer: null as NodeJS.Timeout | null }));

async function startDueScans(): Promise<void> {
  const minutes = serverEnv().inventoryRescanMinutes;
  await inEachAccount(async () => {
    const scan = scanProgress();
    if (scan.state === "running") return;
    // Interrupted scans show as failed with a startedAt but no finishedAt.
    if (scan.state === "never" || (scan.state === "failed" && !scan.finishedAt)) return void startScan("start");
    if (minutes && scan.startedAt && Date.now() - Date.parse(scan.startedAt) >= minutes * 60_000) startScan("schedule");
  });
}

export function startInventorySchedule(): void {
  if (inventorySchedule.timer) return;
  const tick = () => startDueScans().catch((err) => console.error("[inventory] scheduling scans failed:", err));
  tick();
  inventorySchedule.timer = setInterval(tick, 60_000);
  inventorySchedule.timer.unref();
}
