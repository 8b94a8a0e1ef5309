import "server-only";
import { cloudTrailClient } from "@/lib/aws/clients";
import { lookupBucketEvents } from "@/lib/usage/cloudtrail/lookup-bucket-events";
import type { BucketEvent } from "@/lib/contracts/bucket-management-events";
import { eventWatermark, noteBucketEvents, setEventWatermark } from "@/lib/inventory/bucket-events-store";

// The usage ingestion's two hooks for event-driven refresh: the S3 bucket events of each trail
// log file it reads, and of the event history (LookupEvents) where that is the account's source.

/** The bucket events a parse worker found in one trail log file. */
export function noteTrailBucketEvents(events: readonly BucketEvent[]): void {
  noteBucketEvents(events, "trail");
}

/** Bucket events are looked up from the last pass on; the first pass looks a day back (the scan covers before). */
export async function noteLookedUpBucketEvents(account: string, region: string, pace: () => Promise<void>) {
  const source = `lookup-events://${account}/${region}`;
  const to = new Date();
  const from = new Date(eventWatermark(source) ?? to.getTime() - 24 * 3_600_000);
  const events = await lookupBucketEvents({ client: cloudTrailClient(region), region, from, to, pace });
  noteBucketEvents(events, "lookup-events");
  // Events reach the history up to ~15 minutes late: the next pass looks back that far again (ids dedupe).
  setEventWatermark(source, new Date(to.getTime() - 15 * 60_000).toISOString());
}
