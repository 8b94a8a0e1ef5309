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
