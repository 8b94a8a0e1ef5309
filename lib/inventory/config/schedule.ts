import "server-only";
import { serverEnv } from "@/lib/runtime/env";
import { configPass, startConfigPass } from "./load";
import { inventorySource, lastPass } from "./state";

// When the Config source passes start by themselves (checked by the inventory's once-a-minute tick):
// a full load when none has finished (first start, or one a stop cut short), then an incremental
// pass every CONSOLE_CONFIG_INCREMENTAL_MINUTES (default 15) after the latest pass began.

/** True when the Config source is in force (the direct scan then runs on Rescan only). */
export function startDueConfigPass(): boolean {
  if (inventorySource().settings.kind !== "config") return false;
  if (configPass()) return true;
  const full = lastPass("full");
  if (!full || full.state !== "done") {
    // A failed full load is not retried every minute: its message waits on Settings until someone acts.
    if (!full) startConfigPass("full", "start");
    return true;
  }
  const minutes = serverEnv().configIncrementalMinutes;
  const latest = [full.startedAt, lastPass("incremental")?.startedAt ?? ""].sort().at(-1)!;
  if (minutes && Date.now() - Date.parse(latest) >= minutes * 60_000) startConfigPass("incremental", "schedule");
  return true;
}
