// CloudTrail record → an S3 bucket-level management event that changes what the inventory
// shows (CreateBucket, PutBucketEncryption, …), or null. Pure: the same function serves trail
// log files and LookupEvents. Such events are management events, so they sit in the same log
// files as the KMS calls the usage ingestion reads; a bucket named here is re-read, not rescanned.

import {
  bucketManagementEvents,
  type BucketEvent,
  type BucketManagementEvent,
} from "@/lib/contracts/bucket-management-events";
import { eventAfter } from "./event-after";
import { consoleUserAgent } from "@/lib/aws/user-agent";

const eventNames: ReadonlySet<string> = new Set(bucketManagementEvents);

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Json) : undefined;
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** requestParameters.bucketName, else the AWS::S3::Bucket resource's ARN (arn:aws:s3:::name). */
function bucketOf(record: Json): string | undefined {
  const named = str(obj(record.requestParameters)?.bucketName);
  if (named) return named;
  for (const r of Array.isArray(record.resources) ? record.resources : []) {
    const arn = str(obj(r)?.ARN);
    const at = arn?.indexOf(":s3:::") ?? -1;
    if (arn && at >= 0 && !arn.includes("/", at)) return arn.slice(at + 6);
  }
  return undefined;
}

function principalOf(record: Json): string {
  const identity = obj(record.userIdentity);
  return (
    str(identity?.arn) ?? str(identity?.invokedBy) ?? str(identity?.principalId) ?? str(identity?.type) ?? "unknown"
  );
}

export function parseBucketEvent(value: unknown): BucketEvent | null {
  const record = obj(value);
  if (!record || record.eventSource !== "s3.amazonaws.com") return null;
  const event = str(record.eventName);
  if (!event || !eventNames.has(event)) return null;
  // A refused call (AccessDenied, NoSuchBucket, …) changed nothing.
  if (str(record.errorCode)) return null;
  const bucket = bucketOf(record);
  const at = str(record.eventTime);
  const region = str(record.awsRegion);
  if (!bucket || !at || Number.isNaN(Date.parse(at)) || !region) return null;
  const identity = obj(record.userIdentity);
  const account = str(record.recipientAccountId) ?? str(identity?.accountId) ?? "";
  return {
    id: str(record.eventID) ?? `${account}/${bucket}/${event}/${at}`,
    account,
    bucket,
    region,
    event: event as BucketManagementEvent,
    at,
    principal: principalOf(record),
    byConsole: (str(record.userAgent) ?? "").includes(consoleUserAgent),
    after: eventAfter(event as BucketManagementEvent, record.requestParameters),
    requestId: str(record.requestID) ?? null,
  };
}

/** The bucket events among a log file's records, in the order CloudTrail wrote them. */
export function bucketEventsOf(records: readonly unknown[]): BucketEvent[] {
  const events: BucketEvent[] = [];
  for (const r of records) {
    // Cheap pre-check: nearly every record of a busy trail is a KMS call.
    if (obj(r)?.eventSource !== "s3.amazonaws.com") continue;
    const e = parseBucketEvent(r);
    if (e) events.push(e);
  }
  return events;
}
