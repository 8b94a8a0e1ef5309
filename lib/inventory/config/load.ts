import "server-only";
import type { ConfigLoad } from "@/lib/contracts/config-source";
import type { BucketPosture } from "@/lib/contracts/inventory";
import { AppError } from "@/lib/contracts/errors";
import { inConsoleAccount } from "@/lib/aws/account-context";
import { mapLimit } from "@/lib/runtime/concurrency";
import { serverEnv } from "@/lib/runtime/env";
import { processWide } from "@/lib/runtime/process-wide";
import { inventoryDb, storedPosture, writePostures } from "../store";
import { rememberCoveredAccounts } from "./coverage";
import { ItemShapeError, parseItem, type ConfigItem } from "./item";
import { changedSinceQuery, parsePartition, partitionQuery, partitionsQuery, type Partition } from "./queries";
import { newPacer, selectPages, type Aggregator, type Pacer } from "./select";
import * as state from "./state";

// The inventory from an AWS Config aggregator. A full load counts the buckets per account × region,
// then pages each partition (CONSOLE_CONFIG_CONCURRENCY at a time, at most 10) into the store, one
// transaction per page, so a crash or a cancel keeps every page written and never half of one; a
// partition read to its end then drops the rows of that account and region Config no longer names.
// An incremental pass asks for items captured after the newest capture time stored (minus an
// overlap, since Config delivers some items late) and applies them, deletions included.
// One pass at a time per process: starting another returns the running one.

type Job = { load: ConfigLoad; cancelled: boolean; run: Promise<void> };
const current = processWide("ConfigInventoryPass", () => ({ job: undefined as Job | undefined }));

/** Config can deliver an account's items to the aggregator some minutes after their capture time. */
const overlapMs = 15 * 60_000;

export function configPass(): ConfigLoad | null {
  return current.job ? { ...current.job.load } : null;
}

/** Starts a full load or an incremental pass from the aggregator in Settings, or returns the running pass. */
export function startConfigPass(kind: ConfigLoad["kind"], trigger: ConfigLoad["trigger"]): ConfigLoad {
  if (current.job) return { ...current.job.load };
  const { settings } = state.inventorySource();
  if (settings.kind !== "config")
    throw new AppError(
      "check_failed",
      "The inventory source is Direct (roles): choose an AWS Config aggregator in Settings first.",
    );
  const aggregator = { name: settings.aggregator, region: settings.region };
  const load: ConfigLoad = {
    kind,
    state: "running",
    trigger,
    done: 0,
    total: null,
    removed: 0,
    queries: 0,
    startedAt: new Date().toISOString(),
    finishedAt: null,
    message: null,
    errorCode: null,
  };
  const job: Job = { load, cancelled: false, run: Promise.resolve() };
  current.job = job;
  const pacer = newPacer(serverEnv().configRetryMs);
  const work = kind === "full" ? fullLoad : incrementalPass;
  job.run = inConsoleAccount(() => work(aggregator, job, pacer))
    .catch((err) => {
      load.state = "failed";
      load.errorCode = err instanceof AppError ? err.code : "internal";
      load.message = `${err instanceof AppError ? err.message : `The pass failed: ${String(err)}`} ${kept(load)}`;
    })
    .finally(() => {
      load.queries = pacer.queries;
      load.finishedAt = new Date().toISOString();
      try {
        state.savePass(load);
      } catch (err) {
        console.error("[inventory] could not save the Config pass:", err);
      }
      current.job = undefined;
    });
  return { ...load };
}

const kept = (load: ConfigLoad) => `${load.done} items were written before it stopped and stay.`;

export function cancelConfigPass(): ConfigLoad | null {
  if (current.job) current.job.cancelled = true;
  return configPass();
}

/** For tests and benchmarks: resolves when the running pass (if any) has ended, with how it ended. */
export async function configPassFinished(): Promise<ConfigLoad | null> {
  const job = current.job;
  await job?.run;
  return job ? job.load : null;
}

/** Writes one page in one transaction; deletions and writes together. */
function applyPage(items: ConfigItem[], onlyNewer: boolean): number {
  const d = inventoryDb();
  const remove = d.prepare("DELETE FROM inventory_buckets WHERE account = ? AND name = ?");
  let removed = 0;
  d.transaction(() => {
    const postures: BucketPosture[] = [];
    for (const item of items) {
      // An incremental pass never overwrites what was read directly after the item was captured.
      const stored = onlyNewer ? storedPosture(item.account, item.name) : null;
      if (stored && !stored.source && stored.readAt && Date.parse(stored.readAt) > Date.parse(item.capturedAt))
        continue;
      if (item.deleted) removed += remove.run(item.account, item.name).changes;
      else postures.push(item.posture);
    }
    writePostures(postures);
  })();
  return removed;
}

function itemsOf(results: string[], aggregator: Aggregator, where: string): ConfigItem[] {
  const readAt = new Date().toISOString();
  return results.map((r) => {
    try {
      return parseItem(r, aggregator.name, readAt);
    } catch (err) {
      if (!(err instanceof ItemShapeError)) throw err;
      const name = /"resourceName"\s*:\s*"([^"]+)"/.exec(r)?.[1];
      throw new AppError(
        "check_failed",
        `A configuration item from ${where}${name ? ` (bucket ${name})` : ""} has an unexpected shape: ${err.message}. ` +
          "The page holding it was not written.",
      );
    }
  });
}

const latest = (a: string | null, b: string) => (!a || Date.parse(b) > Date.parse(a) ? b : a);

async function fullLoad(aggregator: Aggregator, job: Job, pacer: Pacer): Promise<void> {
  const { load } = job;
  const partitions: Partition[] = [];
  for await (const page of selectPages(aggregator, partitionsQuery, pacer, () => job.cancelled))
    partitions.push(...page.map(parsePartition));
  load.total = partitions.reduce((n, p) => n + p.count, 0);
  await rememberCoveredAccounts(partitions.map((p) => p.account));
  let newest: string | null = null;
  const failures: string[] = [];
  const removeStale = inventoryDb().prepare(
    "DELETE FROM inventory_buckets WHERE account = ? AND s_region = ? AND (read_at IS NULL OR read_at < ?)",
  );
  await mapLimit(partitions, serverEnv().configConcurrency, async (p) => {
    const where = `account ${p.account} in ${p.region}`;
    try {
      for await (const page of selectPages(
        aggregator,
        partitionQuery(p.account, p.region),
        pacer,
        () => job.cancelled,
      )) {
        const items = itemsOf(page, aggregator, where);
        load.removed += applyPage(items, false);
        load.done += items.length;
        load.queries = pacer.queries;
        for (const i of items) newest = latest(newest, i.capturedAt);
      }
      if (!job.cancelled) load.removed += removeStale.run(p.account, p.region, load.startedAt).changes;
    } catch (err) {
      // One partition's failure stops that partition; the others carry on, and the load says which failed.
      if (!(err instanceof AppError) || err.code === "access_denied" || err.code === "not_found") job.cancelled = true;
      failures.push(`${where}: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
  if (failures.length)
    throw new AppError("check_failed", `The full load from AWS Config stopped. ${failures[0]}`, { failures });
  if (job.cancelled) {
    load.state = "cancelled";
    load.message = `Cancelled after ${load.done} of ${load.total} items; ${kept(load)}`;
    return;
  }
  state.advanceCapturedUntil(newest);
  load.state = "done";
}

async function incrementalPass(aggregator: Aggregator, job: Job, pacer: Pacer): Promise<void> {
  const { load } = job;
  const since = state.capturedUntil();
  if (!since)
    throw new AppError(
      "check_failed",
      "No full load from AWS Config has finished yet: run one first (Settings → Inventory source).",
    );
  const after = new Date(Date.parse(since) - overlapMs).toISOString();
  let newest: string | null = null;
  for await (const page of selectPages(aggregator, changedSinceQuery(after), pacer, () => job.cancelled)) {
    const items = itemsOf(page, aggregator, `aggregator ${aggregator.name}`);
    await rememberCoveredAccounts(items.map((i) => i.account));
    load.removed += applyPage(items, true);
    load.done += items.length;
    load.queries = pacer.queries;
    for (const i of items) newest = latest(newest, i.capturedAt);
  }
  if (job.cancelled) {
    load.state = "cancelled";
    load.message = `Cancelled after ${load.done} items; ${kept(load)}`;
    return;
  }
  state.advanceCapturedUntil(newest);
  load.state = "done";
}
