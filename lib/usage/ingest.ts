import "server-only";
import { AppError } from "@/lib/api/errors";
import type { IngestStatus } from "@/lib/api/schemas/usage";
import { cloudTrailClient } from "@/lib/aws/clients";
import { getInventory } from "@/lib/buckets/inventory";
import { ingestLogFiles, type IngestProgress } from "./ingest-files";
import { findTrailLocations, listLogFiles, readS3LogFile } from "./log-files";
import { createPacer, ingestLookupEvents, systemClock } from "./lookup-events";
import { ingestErrors } from "./store";

// One ingestion at a time per server: a second start returns the running job's status.
// Trails that deliver to S3 are the source when there are any; otherwise the event history
// (LookupEvents) of the regions the account's buckets live in.

type Job = Omit<IngestStatus, "errors">;

const idle: Job = { state: "idle", source: null, trails: [], startedAt: null, finishedAt: null, filesDone: 0, filesTotal: 0, events: 0, ignored: 0, message: null };

// Kept on globalThis: Next may load this module once per route bundle, and the job must be one.
const holder = globalThis as typeof globalThis & { __bkcIngestJob?: Job; __bkcIngestRun?: Promise<void> };

const current = (): Job => holder.__bkcIngestJob ?? idle;

export function ingestStatus(): IngestStatus {
  return { ...current(), errors: ingestErrors() };
}

export function startIngest(): IngestStatus {
  if (current().state !== "running") {
    holder.__bkcIngestJob = { ...idle, state: "running", startedAt: new Date().toISOString() };
    holder.__bkcIngestRun = runIngest().catch((err) => {
      holder.__bkcIngestJob = {
        ...current(),
        state: "failed",
        finishedAt: new Date().toISOString(),
        message: err instanceof AppError ? err.message : `Ingestion failed: ${err instanceof Error ? err.message : String(err)}`,
      };
    });
  }
  return ingestStatus();
}

/** For tests and start-up hooks: resolves when the running ingestion (if any) ends. */
export async function ingestFinished(): Promise<IngestStatus> {
  await holder.__bkcIngestRun;
  return ingestStatus();
}

function update(patch: Partial<Job>) {
  holder.__bkcIngestJob = { ...current(), ...patch };
}

async function runIngest(): Promise<void> {
  const locations = await findTrailLocations();
  const totals: IngestProgress = { filesDone: 0, filesTotal: 0, events: 0, ignored: 0, errors: 0 };
  const report = (base: IngestProgress) => (p: IngestProgress) =>
    update({ filesDone: base.filesDone + p.filesDone, filesTotal: base.filesTotal + p.filesTotal, events: base.events + p.events, ignored: base.ignored + p.ignored });

  if (locations.length > 0) {
    update({ source: "trail", trails: locations.map((l) => `${l.trail} → s3://${l.bucket}${l.prefix ? `/${l.prefix}` : ""}`) });
    for (const location of locations) {
      const files = await listLogFiles(location);
      const base = { ...totals };
      const done = await ingestLogFiles(files, { source: location.trail, read: readS3LogFile, concurrency: 8, onProgress: report(base) });
      for (const k of ["filesDone", "filesTotal", "events", "ignored", "errors"] as const) totals[k] += done[k];
    }
  } else {
    update({ source: "lookup-events" });
    const regions = (await getInventory()).summary.regions;
    const pace = createPacer(500, systemClock);
    const since = new Date(systemClock.now() - 89 * 24 * 3_600_000);
    for (const region of regions) {
      const base = { ...totals };
      const done = await ingestLookupEvents({ client: cloudTrailClient(region), region, since, clock: systemClock, pace, onProgress: report(base) });
      for (const k of ["filesDone", "filesTotal", "events", "ignored", "errors"] as const) totals[k] += done[k];
    }
  }
  update({ state: "done", finishedAt: new Date().toISOString() });
}
