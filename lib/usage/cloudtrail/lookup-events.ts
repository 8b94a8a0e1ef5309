import "server-only";
import { LookupEventsCommand, type LookupEventsCommandOutput } from "@aws-sdk/client-cloudtrail";
import { send } from "@/lib/aws/send";
import { aggregateRecords } from "./aggregate";
import type { IngestProgress } from "./ingest-files";
import { ingestedFiles } from "@/lib/usage/store/receipts";
import { commitFiles } from "@/lib/usage/store/writes";

// Source 2: CloudTrail's event history (LookupEvents), for accounts without a trail bucket.
// The API allows 2 requests per second per account and region and keeps 90 days. Time is
// cut into fixed windows; a window's events (all pages) commit with a receipt named after
// the window, so a run that stops anywhere resumes at the first window without a receipt
// and a finished window is never fetched twice. Only windows that have closed (plus
// CloudTrail's delivery delay) are fetched, so a receipt never hides later events.

export type LookupEventsSender = { send(command: LookupEventsCommand): Promise<LookupEventsCommandOutput> };
export type Clock = { now(): number; sleep(ms: number): Promise<void> };

export const systemClock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

/** Spaces calls at least `minIntervalMs` apart (500 ms = CloudTrail's 2 requests/s). */
export function createPacer(minIntervalMs: number, clock: Clock): () => Promise<void> {
  let nextAt = -Infinity;
  return async () => {
    const now = clock.now();
    if (now < nextAt) await clock.sleep(nextAt - now);
    nextAt = Math.max(now, nextAt) + minIntervalMs;
  };
}

const hourMs = 3_600_000;
/** Events reach the event history within about 15 minutes of the call. */
const deliveryDelayMs = 15 * 60_000;

export const windowReceipt = (account: string, region: string, startMs: number, windowHours: number) =>
  `lookup-events://${account}/${region}/${new Date(startMs).toISOString()}/${windowHours}h`;

type LookupEventsOptions = {
  client: LookupEventsSender;
  /** The account whose event history this is. */
  account: string;
  region: string;
  /** Oldest time to look at (LookupEvents keeps 90 days). */
  since: Date;
  clock: Clock;
  pace: () => Promise<void>;
  windowHours?: number;
  onProgress?: (p: IngestProgress) => void;
};

export async function ingestLookupEvents(options: LookupEventsOptions): Promise<IngestProgress> {
  const { client, account, region, clock, pace } = options;
  const windowHours = options.windowHours ?? 6;
  const windowMs = windowHours * hourMs;
  const closedBefore = clock.now() - deliveryDelayMs;
  const known = ingestedFiles();
  const windows: number[] = [];
  for (
    let start = Math.floor(options.since.getTime() / windowMs) * windowMs;
    start + windowMs <= closedBefore;
    start += windowMs
  ) {
    if (!known.has(windowReceipt(account, region, start, windowHours))) windows.push(start);
  }
  const progress: IngestProgress = { filesDone: 0, filesTotal: windows.length, events: 0, ignored: 0, errors: 0 };
  options.onProgress?.({ ...progress });

  for (const start of windows) {
    const records: unknown[] = [];
    let token: string | undefined;
    do {
      await pace();
      const page: LookupEventsCommandOutput = await send(
        client,
        new LookupEventsCommand({
          LookupAttributes: [{ AttributeKey: "EventSource", AttributeValue: "kms.amazonaws.com" }],
          StartTime: new Date(start),
          // EndTime is inclusive: stop a millisecond short so the next window owns its first instant.
          EndTime: new Date(start + windowMs - 1),
          MaxResults: 50,
          NextToken: token,
        }),
        region,
      );
      for (const e of page.Events ?? []) records.push(parseEmbedded(e.CloudTrailEvent));
      token = page.NextToken;
    } while (token);
    const aggregate = aggregateRecords(records);
    commitFiles(aggregate, [
      {
        key: windowReceipt(account, region, start, windowHours),
        etag: "complete",
        source: "lookup-events",
        account,
        events: aggregate.events,
        ignored: aggregate.ignored,
      },
    ]);
    progress.events += aggregate.events;
    progress.ignored += aggregate.ignored;
    progress.filesDone++;
    options.onProgress?.({ ...progress });
  }
  return progress;
}

/** LookupEvents returns each record as a JSON string; a broken one is counted as ignored (malformed). */
function parseEmbedded(text: string | undefined): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}
