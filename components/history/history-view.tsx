"use client";
import { ChangeEffects } from "./change-effects";
import Link from "next/link";
import { useState } from "react";
import type { Change } from "@/lib/contracts/encryption";
import type { BucketEncryption } from "@/lib/contracts/inventory";
import { useChanges } from "@/lib/client/use-changes";
import { useRollback } from "@/lib/client/use-rollback";
import { useHealth } from "@/lib/client/use-health";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { QueryState } from "@/components/ui/query-state";
import { TableHead } from "@/components/ui/table-head";
import { IntentLink } from "@/components/ui/intent-link";
import { bucketHref } from "@/lib/contracts/hrefs";
import { ChangeStatus } from "./change-status";

function describe(e: BucketEncryption): string {
  if (e.type === "NONE") return "No default encryption";
  const key = e.type === "SSE-S3" ? "" : ` · ${e.kmsKeyAlias ?? e.kmsKeyArn ?? e.kmsKeyReference ?? "aws/s3"}`;
  return `${e.type}${key}${e.type === "SSE-KMS" ? ` · Bucket Key ${e.bucketKeyEnabled ? "on" : "off"}` : ""}`;
}

/** `bucket`: show only changes to buckets whose name contains it (History's filter). */
export function HistoryView({ bucket = "" }: { bucket?: string }) {
  const changes = useChanges();
  const empty = {
    when: (data: { changes: Change[] }) => data.changes.length === 0,
    title: "No changes yet.",
    body: (
      <>
        Changes made with the{" "}
        <Link href="/buckets?candidates=1" className="text-brand-700 underline">
          encryption wizard
        </Link>{" "}
        appear here, with a way to roll them back.
      </>
    ),
  };
  return (
    <div className="space-y-6">
      <QueryState
        query={changes}
        loading="Loading the history"
        rows={5}
        errorTitle="The history could not be loaded."
        empty={empty}
      >
        {(data) => <ChangeTable changes={data.changes.filter((c) => c.bucket.includes(bucket))} />}
      </QueryState>
      <ChangeEffects />
    </div>
  );
}

function ChangeTable({ changes }: { changes: Change[] }) {
  const rollback = useRollback();
  const readOnly = useHealth().data?.readOnly ?? false;
  const [confirming, setConfirming] = useState<number | null>(null);
  const canRollBack = (c: Change) => c.status === "applied" && c.rolledBackBy === null && c.kind === "apply";
  return (
    <div className="space-y-3">
      {rollback.isError && (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          Rollback refused: {rollback.error.message}
        </p>
      )}
      {rollback.isSuccess && (
        <p role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">
          Rolled back {rollback.data.current.bucket}: now {describe(rollback.data.current.encryption)}
          {rollback.data.verified ? " (verified)" : ""}.
        </p>
      )}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-left text-sm" aria-label="Change history">
          <TableHead columns={["#", "When", "Bucket", "Before", "After", "By", "Result", ""]} />
          <tbody className="divide-y divide-slate-100">
            {changes.map((c) => (
              <tr key={c.id} data-testid={`change-${c.id}`}>
                <td className="px-3 py-2 tabular-nums">{c.id}</td>
                <td className="px-3 py-2 text-xs">
                  <time dateTime={c.at}>{new Date(c.at).toLocaleString()}</time>
                </td>
                <td className="px-3 py-2">
                  <IntentLink href={bucketHref(c.bucket, c.account)} className="text-brand-700 hover:underline">
                    {c.bucket}
                  </IntentLink>
                  {c.account && <span className="block font-mono text-xs text-slate-500">{c.account}</span>}
                  {c.kind === "rollback" && (
                    <span className="ml-1">
                      <Badge>rollback</Badge>
                    </span>
                  )}
                </td>
                <td className="px-3 py-2 text-xs">{describe(c.before)}</td>
                <td className="px-3 py-2 text-xs">{describe(c.after)}</td>
                <td className="max-w-56 break-all px-3 py-2 font-mono text-[11px]">
                  {c.user && <span className="block font-sans text-xs">{c.user}</span>}
                  {c.actor}
                </td>
                <td className="px-3 py-2">
                  <ChangeStatus change={c} readOnly={readOnly} />
                  {c.rolledBackBy !== null && (
                    <span className="block text-xs text-slate-600">Rolled back by #{c.rolledBackBy}</span>
                  )}
                </td>
                <td className="px-3 py-2">
                  {canRollBack(c) &&
                    (confirming === c.id ? (
                      <span className="flex gap-1">
                        <Button
                          variant="danger"
                          size="sm"
                          disabled={rollback.isPending}
                          onClick={() => rollback.mutate(c.id, { onSettled: () => setConfirming(null) })}
                        >
                          {rollback.isPending ? "Rolling back…" : `Restore ${describe(c.before)}`}
                        </Button>
                        <Button size="sm" onClick={() => setConfirming(null)}>
                          Cancel
                        </Button>
                      </span>
                    ) : (
                      <Button
                        size="sm"
                        disabled={readOnly}
                        title={readOnly ? "Read-only mode: changes are disabled." : undefined}
                        onClick={() => setConfirming(c.id)}
                      >
                        Roll back
                      </Button>
                    ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
