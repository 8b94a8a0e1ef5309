import type { OutsideChange as Change } from "@/lib/contracts/inventory";

/** What each S3 management event did, in words (also History's outside changes). */
export const eventText: Record<Change["event"], string> = {
  CreateBucket: "created the bucket",
  DeleteBucket: "deleted the bucket",
  PutBucketEncryption: "changed default encryption",
  DeleteBucketEncryption: "removed default encryption",
  PutBucketVersioning: "changed versioning",
  PutBucketReplication: "changed replication",
  DeleteBucketReplication: "removed replication",
};

/** "Changed outside this console at <time> by <principal>", from the S3 management event CloudTrail recorded. */
export function OutsideChange({ change }: { change: Change }) {
  return (
    <div className="rounded-lg border border-sky-200 bg-sky-50 p-3 text-sm text-sky-950" data-testid="outside-change">
      <strong>Changed outside this console</strong> at{" "}
      <time dateTime={change.at}>{new Date(change.at).toLocaleString()}</time> by{" "}
      <span className="break-all font-mono text-xs">{change.principal}</span> ({change.event}: {eventText[change.event]}
      ). Learned from {change.source === "trail" ? "the trail's log files" : "CloudTrail event history"}; what is shown
      here is the bucket as read since.
    </div>
  );
}
