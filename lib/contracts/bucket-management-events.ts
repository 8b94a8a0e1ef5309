// The S3 management events that make the console re-read a bucket (event-driven refresh). Plain
// names without zod: the log-file parse workers check every record against them, and a worker
// starts faster without loading zod (inventory.ts builds the schema from this list).
export const bucketManagementEvents = [
  "CreateBucket",
  "DeleteBucket",
  "PutBucketEncryption",
  "DeleteBucketEncryption",
  "PutBucketVersioning",
  "PutBucketReplication",
  "DeleteBucketReplication",
] as const;

export type BucketManagementEvent = (typeof bucketManagementEvents)[number];

/** One such event, as read from a CloudTrail record. */
export type BucketEvent = {
  /** CloudTrail's eventID: the same record read twice (a rerun, a file and LookupEvents) is noted once. */
  id: string;
  account: string;
  bucket: string;
  /** For bucket-level S3 calls CloudTrail's awsRegion is the bucket's region: it saves a GetBucketLocation. */
  region: string;
  event: BucketManagementEvent;
  at: string;
  principal: string;
  /**
   * Parsed from the record: whether it carries the console's User-Agent. Noted in the store: whether it is also one
   * of the console's own recorded request ids (lib/aws/own-requests.ts), for a User-Agent anyone can send.
   */
  byConsole: boolean;
  /** What the call set, as its record carries it (e.g. "SSE-KMS · <key> · Bucket Key on"); null when it does not. */
  after: string | null;
  /** S3's request id (CloudTrail's requestID), null when the record has none. */
  requestId: string | null;
};
