import "server-only";
import type { ConfigLoad } from "@/lib/contracts/config-source";
import { cancelConfigPass, configPass, startConfigPass } from "./load";
import { lastPass } from "./state";

// The pass the buckets page shows: the running one, else the latest of either kind.

export function configPassState(): ConfigLoad | null {
  const running = configPass();
  if (running) return running;
  const passes = [lastPass("full"), lastPass("incremental")].filter((p): p is ConfigLoad => p !== null);
  return passes.sort((a, b) => a.startedAt.localeCompare(b.startedAt)).at(-1) ?? null;
}

export const startConfigPassNow = (kind: ConfigLoad["kind"]) => startConfigPass(kind, "on-demand");

export function cancelConfigPassState(): ConfigLoad | null {
  return cancelConfigPass() ?? configPassState();
}
