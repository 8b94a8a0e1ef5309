import "server-only";
import type { AggregatorInfo, InventorySourceSettings, InventorySourceStatus } from "@/lib/contracts/config-source";
import { AppError } from "@/lib/contracts/errors";
import { inConsoleAccount } from "@/lib/aws/account-context";
import { defaultRegion } from "@/lib/aws/client-config";
import { serverEnv } from "@/lib/runtime/env";
import { forgetConfigOnlyAccounts } from "./coverage";
import { bucketKeyGuardrail } from "./guardrail";
import { configPass, startConfigPass } from "./load";
import { describeAggregators } from "./select";
import * as state from "./state";

// Settings → Inventory source: the source in force, the aggregators the console's account can
// query (DescribeConfigurationAggregators in the home region and the chosen one) with the
// recommendation, and the latest passes. Choosing an aggregator starts its full load at once.

function describeScope(a: AggregatorInfo): string {
  const accounts = a.scope === "organization" ? "every account of the Organization" : `${a.accounts.length} account(s)`;
  const regions = a.regions === null ? "all regions" : a.regions.join(", ") || "no region";
  return `${a.name} (${a.region}) covers ${accounts} in ${regions}`;
}

async function recommendation(settings: InventorySourceSettings): Promise<InventorySourceStatus["recommendation"]> {
  const home = await defaultRegion();
  const regions = [...new Set([home, ...(settings.kind === "config" ? [settings.region] : [])])];
  let aggregators: AggregatorInfo[] = [];
  let error: string | null = null;
  try {
    aggregators = (await Promise.all(regions.map((r) => inConsoleAccount(() => describeAggregators(r))))).flat();
  } catch (err) {
    error = err instanceof AppError ? err.message : String(err);
  }
  if (aggregators.length === 0)
    return {
      kind: "direct",
      reason:
        `No AWS Config aggregator found in ${regions.join(", ")}: the inventory reads each account through its role. ` +
        "For many accounts, create an aggregator (see the README) and choose it here.",
      aggregators,
      error,
    };
  const best = aggregators.find((a) => a.scope === "organization") ?? aggregators[0]!;
  return {
    kind: "config",
    reason:
      `${describeScope(best)}: one query page returns 100 buckets of any account, where a direct scan needs a role ` +
      "in every account and four S3 calls per bucket. Key aliases, replication rules and key state are still read " +
      "through a role where there is one.",
    aggregators,
    error,
  };
}

function nextIncrementalAt(): string | null {
  const minutes = serverEnv().configIncrementalMinutes;
  const last = [state.lastPass("incremental"), state.lastPass("full")]
    .map((p) => p?.startedAt)
    .filter((t): t is string => Boolean(t))
    .sort()
    .at(-1);
  if (!minutes || state.inventorySource().settings.kind !== "config" || !last) return null;
  return new Date(Date.parse(last) + minutes * 60_000).toISOString();
}

export async function inventorySourceStatus(): Promise<InventorySourceStatus> {
  const { settings, origin } = state.inventorySource();
  const running = configPass();
  return {
    settings,
    origin,
    recommendation: await recommendation(settings),
    lastFull: running?.kind === "full" ? running : state.lastPass("full"),
    lastIncremental: running?.kind === "incremental" ? running : state.lastPass("incremental"),
    capturedUntil: state.capturedUntil(),
    nextIncrementalAt: nextIncrementalAt(),
    guardrail: bucketKeyGuardrail(),
  };
}

/** Saves the source; choosing an aggregator starts a full load from it (its progress shows in the status). */
export async function saveInventorySourceSettings(settings: InventorySourceSettings): Promise<InventorySourceStatus> {
  if (configPass())
    throw new AppError("conflict", "A pass from AWS Config is running: cancel it or wait for it to end.");
  state.saveInventorySource(settings);
  // Rows Config wrote for accounts with a role stay until their next direct scan (Rescan) replaces them.
  if (settings.kind === "config") startConfigPass("full", "settings");
  else forgetConfigOnlyAccounts();
  return inventorySourceStatus();
}
