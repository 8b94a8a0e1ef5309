import "server-only";
import { LookupEventsCommand, type LookupEventsCommandOutput } from "@aws-sdk/client-cloudtrail";
import { send } from "@/lib/aws/send";
import type { BucketEvent } from "@/lib/contracts/bucket-management-events";
import { bucketEventsOf } from "./management-events";
import type { LookupEventsSender } from "./lookup-events";

// The S3 bucket events of CloudTrail's event history, for accounts whose usage comes from
// LookupEvents (no trail bucket). LookupEvents takes one attribute: ReadOnly=false keeps the
// scan's own GetBucket* reads (read-only management events, thousands per scan) out, leaving the
// writes of every service, of which the S3 bucket-level ones are kept.

type LookupBucketEventsOptions = {
  client: LookupEventsSender;
  region: string;
  from: Date;
  to: Date;
  pace: () => Promise<void>;
};

export async function lookupBucketEvents(options: LookupBucketEventsOptions): Promise<BucketEvent[]> {
  const records: unknown[] = [];
  let token: string | undefined;
  do {
    await options.pace();
    const page: LookupEventsCommandOutput = await send(
      options.client,
      new LookupEventsCommand({
        LookupAttributes: [{ AttributeKey: "ReadOnly", AttributeValue: "false" }],
        StartTime: options.from,
        EndTime: options.to,
        MaxResults: 50,
        NextToken: token,
      }),
      options.region,
    );
    for (const e of page.Events ?? []) {
      if (e.EventSource !== "s3.amazonaws.com" || !e.CloudTrailEvent) continue;
      try {
        records.push(JSON.parse(e.CloudTrailEvent));
      } catch {
        // A broken record carries nothing to re-read.
      }
    }
    token = page.NextToken;
  } while (token);
  return bucketEventsOf(records);
}
