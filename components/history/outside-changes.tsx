"use client";
import Link from "next/link";
import { useOutsideChanges } from "@/lib/client/use-outside-changes";
import { bucketHref } from "@/lib/contracts/hrefs";
import { outsideChangesLimit, type OutsideChangeEntry } from "@/lib/contracts/outside-changes";
import { eventText } from "@/components/buckets/outside-change";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryState } from "@/components/ui/query-state";
import { TableHead } from "@/components/ui/table-head";

// History's changes made outside this console (S3 console, Terraform, CLI), from the S3 management
// events CloudTrail recorded and the usage ingestion noted. No rollback: the console did not make
// them, and CloudTrail records what a call set, never what it replaced.

const sourceText = { trail: "the trail's log files", "lookup-events": "CloudTrail event history" } as const;

export function OutsideChanges({ bucket }: { bucket: string }) {
  const query = useOutsideChanges();
  return (
    <QueryState
      query={query}
      loading="Loading changes made outside"
      rows={3}
      errorTitle="Changes made outside this console could not be loaded."
    >
      {(data) => {
        const shown = data.changes.filter((c) => c.bucket.includes(bucket));
        if (shown.length === 0)
          return (
            <EmptyState
              title={
                bucket
                  ? "No change made outside this console to a matching bucket."
                  : "No change made outside this console seen yet."
              }
            >
              They come from the S3 management events (PutBucketEncryption, CreateBucket, …) in the CloudTrail logs the
              usage ingestion reads (Reports → Read new CloudTrail files).
            </EmptyState>
          );
        return <OutsideTable changes={shown} truncated={data.truncated} />;
      }}
    </QueryState>
  );
}

function OutsideTable({ changes, truncated }: { changes: OutsideChangeEntry[]; truncated: boolean }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-left text-sm" aria-label="Changes made outside this console">
        <TableHead columns={["When", "Bucket", "Change", "Before", "After", "By"]} />
        <tbody className="divide-y divide-slate-100">
          {changes.map((c) => (
            <tr key={c.id} data-testid={`outside-change-${c.bucket}`}>
              <td className="px-3 py-2 text-xs">
                <time dateTime={c.at}>{new Date(c.at).toLocaleString()}</time>
              </td>
              <td className="px-3 py-2">
                <Link href={bucketHref(c.bucket, c.account)} className="text-brand-700 hover:underline">
                  {c.bucket}
                </Link>
                <span className="block font-mono text-xs text-slate-500">{c.account}</span>
              </td>
              <td className="px-3 py-2 text-xs">
                <Badge tone="info">Made outside this console</Badge>
                <span className="mt-1 block">
                  {c.event}: {eventText[c.event]}
                </span>
                <span className="block text-slate-500">from {sourceText[c.source]}</span>
              </td>
              <td className="px-3 py-2 text-xs text-slate-500">Not recorded by CloudTrail</td>
              <td className="px-3 py-2 text-xs">
                {c.after ?? <span className="text-slate-500">Not in the event</span>}
              </td>
              <td className="max-w-56 break-all px-3 py-2 font-mono text-[11px]">{c.principal}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {truncated && (
        <p className="border-t border-slate-100 px-3 py-2 text-xs text-slate-500">
          The newest {outsideChangesLimit} are shown.
        </p>
      )}
    </div>
  );
}
