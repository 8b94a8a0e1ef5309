import "server-only";
import { AppError } from "@/lib/contracts/errors";
import type { IngestStatus, TrailWarning } from "@/lib/contracts/usage";
import { cloudTrailClient } from "@/lib/aws/clients";
import { defaultRegion } from "@/lib/aws/client-config";
import type { Account } from "@/lib/contracts/accounts";
import { currentAccountId } from "@/lib/accounts/accounts";
import { inEachAccount } from "@/lib/accounts/each-account";
import { accountScope } from "@/lib/inventory/page";
import { summarize } from "@/lib/inventory/query";
import { ingestLogFiles, type IngestProgress } from "@/lib/usage/cloudtrail/ingest-files";
import { describeTrails, findTrailLocations, listLogFiles, readS3LogFile } from "@/lib/usage/cloudtrail/log-files";
import { trailWarnings, type TrailFacts } from "@/lib/usage/cloudtrail/trail-coverage";
import { chooseTrails, leaveCountedRegions, readingLabel, trailSource } from "@/lib/usage/cloudtrail/trail-choice";
import { readTrailFacts } from "@/lib/usage/cloudtrail/trail-facts";
import { createPacer, ingestLookupEvents, systemClock } from "@/lib/usage/cloudtrail/lookup-events";
import { serverEnv } from "@/lib/runtime/env";
import { ingestFromAthena } from "@/lib/usage/athena/ingest";
import { ingestErrors } from "@/lib/usage/store/receipts";
import { processWide } from "@/lib/runtime/process-wide";
import { readUsageSource } from "./source";
import { noteLookedUpBucketEvents, noteTrailBucketEvents } from "@/lib/usage/bucket-events";
import { refreshNotedBuckets } from "@/lib/inventory/refresh";

// One ingestion at a time per server: a second start returns the running job's status.
// A run reads every account in turn. In each, trails that deliver to S3 are the source when
// there are any; otherwise the event history (LookupEvents) of the account's regions (its
// configured ones, else those its buckets live in). An account that fails is named in the
// status; the others are still read.

type Job = Omit<IngestStatus, "errors">;

/** The one ingestion: started on start-up or by a route, watched by another (each its own bundle). */
const ingestion = processWide("Ingestion", () => ({
  job: undefined as Job | undefined,
  run: undefined as Promise<void> | undefined,
}));

const idle: Job = {
  state: "idle",
  source: null,
  trails: [],
  startedAt: null,
  finishedAt: null,
  filesDone: 0,
  filesTotal: 0,
  events: 0,
  ignored: 0,
  message: null,
  warnings: [],
};

const current = (): Job => ingestion.job ?? idle;

export function ingestStatus(): IngestStatus {
  return { ...current(), errors: ingestErrors() };
}

export function startIngest(): IngestStatus {
  if (current().state !== "running") {
    ingestion.job = { ...idle, state: "running", startedAt: new Date().toISOString() };
    ingestion.run = runIngest().catch((err) => {
      ingestion.job = {
        ...current(),
        state: "failed",
        finishedAt: new Date().toISOString(),
        message:
          err instanceof AppError
            ? err.message
            : `Ingestion failed: ${err instanceof Error ? err.message : String(err)}`,
      };
    });
  }
  return ingestStatus();
}

/** For tests and start-up hooks: resolves when the running ingestion (if any) ends. */
export async function ingestFinished(): Promise<IngestStatus> {
  await ingestion.run;
  return ingestStatus();
}

function update(patch: Partial<Job>) {
  ingestion.job = { ...current(), ...patch };
}

async function runIngest(): Promise<void> {
  const totals: IngestProgress = { filesDone: 0, filesTotal: 0, events: 0, ignored: 0, errors: 0 };
  // Accounts are read one after another (concurrency 1) so progress adds up as it goes.
  const outcomes = await inEachAccount((account) => ingestAccount(account, totals), { concurrency: 1 });
  const failed = outcomes.filter((o) => !o.ok);
  const message =
    failed.map((o) => `Account ${o.account.name} (${o.account.id}): ${o.ok ? "" : o.error.message}`).join(" ") || null;
  update({
    state: failed.length === outcomes.length ? "failed" : "done",
    finishedAt: new Date().toISOString(),
    message,
  });
}

/**
 * What each of the account's trails misses of S3's KMS calls, for the regions its buckets are in.
 * Every trail is checked on its own: ingestion reads them all, so a blind one is worth saying even
 * beside a healthy one.
 */
function trailGaps(facts: readonly TrailFacts[]): TrailWarning[] {
  // From the inventory store (no AWS call); before the first scan it names no region, and then
  // only the selectors are checked.
  const regions = summarize(accountScope().ids).regions;
  return facts.flatMap((t) => trailWarnings(t, regions));
}

async function ingestAccount(account: Account, totals: IngestProgress): Promise<void> {
  await readUsage(account, totals);
  // The same pass noted the S3 bucket changes its logs or event history hold: re-read just those buckets.
  await refreshNotedBuckets();
}

async function readUsage(account: Account, totals: IngestProgress): Promise<void> {
  const accountId = await currentAccountId();
  const report = (base: IngestProgress) => (p: IngestProgress) =>
    update({
      filesDone: base.filesDone + p.filesDone,
      filesTotal: base.filesTotal + p.filesTotal,
      events: base.events + p.events,
      ignored: base.ignored + p.ignored,
    });
  const add = (done: IngestProgress) => {
    for (const k of ["filesDone", "filesTotal", "events", "ignored", "errors"] as const) totals[k] += done[k];
  };
  const choice = readUsageSource(accountId).source;
  if (choice === "athena") {
    // Athena writes each query's results to S3: a write read-only mode does not make, at start-up or ever.
    if (serverEnv().readOnly)
      throw new AppError(
        "read_only",
        `Account ${accountId} reads usage through Athena, which writes query results to S3: read-only mode ` +
          "(CONSOLE_READ_ONLY=1) runs no query. Choose the trail's log files as its usage source, or leave read-only mode.",
      );
    // Athena reads the same trail's log files: what the trail misses, the query misses too.
    // Athena needs no CloudTrail permission itself, so trails that cannot be read give no warning here.
    const gaps = await describeTrails()
      .then(readTrailFacts)
      .then(trailGaps)
      .catch(() => []);
    update({ source: "athena", warnings: [...current().warnings, ...gaps] });
    add(await ingestFromAthena(accountId));
    update({
      filesDone: totals.filesDone,
      filesTotal: totals.filesTotal,
      events: totals.events,
      ignored: totals.ignored,
    });
    return;
  }
  const described = choice === "lookup-events" ? null : await describeTrails();
  const locations = described ? findTrailLocations(described) : [];
  if (choice === "log-files" && locations.length === 0) {
    throw new AppError(
      "check_failed",
      "Log files are this account's usage source (Settings), but no trail delivers log files to S3 here.",
    );
  }
  if (described && locations.length > 0) {
    const facts = await readTrailFacts(described);
    update({ source: "trail", warnings: [...current().warnings, ...trailGaps(facts)] });
    // Trails recording the same calls into different buckets would count them twice: each region is
    // counted from one trail (trail-choice.ts), and the status says which.
    const readings = chooseTrails(locations.map((l) => trailSource(l, facts)));
    for (const reading of readings) {
      const { files, left } = leaveCountedRegions(await listLogFiles(reading.location), reading);
      const othersCount = readings.some((r) => r !== reading && r.readInFull === null);
      update({ trails: [...current().trails, readingLabel(reading, left, othersCount)] });
      add(
        await ingestLogFiles(files, {
          source: reading.name,
          account: accountId,
          read: readS3LogFile,
          onBucketEvents: noteTrailBucketEvents,
          onProgress: report({ ...totals }),
        }),
      );
    }
    return;
  }
  update({ source: current().source ?? "lookup-events" });
  const stored = summarize(accountScope().ids).regions;
  const regions = account.regions ?? (stored.length ? stored : [await defaultRegion()]);
  const pace = createPacer(500, systemClock);
  const since = new Date(systemClock.now() - 89 * 24 * 3_600_000);
  for (const region of regions) {
    add(
      await ingestLookupEvents({
        client: cloudTrailClient(region),
        account: accountId,
        region,
        since,
        clock: systemClock,
        pace,
        onProgress: report({ ...totals }),
      }),
    );
    await noteLookedUpBucketEvents(accountId, region, pace);
  }
}
