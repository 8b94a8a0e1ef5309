"use client";
import type { Change } from "@/lib/contracts/encryption";
import type { WriteStatus, WriteStep } from "@/lib/contracts/write-status";
import { useCheckChange } from "@/lib/client/use-check-change";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";

// A change's status in History: applied and failed as before; pending (sent to S3, no answer yet)
// and unknown (the answer was lost or could not be verified) say what happened, step by step,
// with "Check now" to read the bucket at once instead of waiting for the console's own check.

const badges: Record<WriteStatus, { tone: BadgeTone; label: string }> = {
  applied: { tone: "good", label: "Applied" },
  failed: { tone: "bad", label: "Failed" },
  pending: { tone: "info", label: "Pending" },
  unknown: { tone: "warn", label: "Unknown" },
};

const unsettledText: Partial<Record<WriteStatus, string>> = {
  pending: "Sent to S3; its answer has not been recorded yet.",
  unknown: "Not verified: the console could not tell whether S3 made this change. It keeps reading the bucket.",
};

/** A write's status badge, what it means while unsettled, and its steps ("What happened"). */
export function WriteStatusSteps({ status, steps }: { status: WriteStatus; steps: WriteStep[] }) {
  const { tone, label } = badges[status];
  const unsettled = unsettledText[status];
  return (
    <>
      <Badge tone={tone}>{label}</Badge>
      {unsettled && <span className="block text-xs text-slate-700">{unsettled}</span>}
      {(unsettled || steps.length > 2) && (
        <details className="text-xs text-slate-600" open={Boolean(unsettled)}>
          <summary className="cursor-pointer">What happened</summary>
          <ol className="mt-1 space-y-0.5">
            {steps.map((s, i) => (
              <li key={i}>
                <time dateTime={s.at} className="tabular-nums text-slate-500">
                  {new Date(s.at).toLocaleTimeString()}
                </time>{" "}
                <span className="font-medium">{badges[s.status].label}:</span> {s.note}
              </li>
            ))}
          </ol>
        </details>
      )}
    </>
  );
}

export function ChangeStatus({ change, readOnly }: { change: Change; readOnly: boolean }) {
  const check = useCheckChange();
  const unsettled = unsettledText[change.status];
  return (
    <div className="space-y-1">
      <WriteStatusSteps status={change.status} steps={change.steps} />
      {change.message && <span className="block text-xs text-slate-600">{change.message}</span>}
      {unsettled && (
        <Button
          size="sm"
          disabled={readOnly || check.isPending}
          title={readOnly ? "Read-only mode: changes are disabled." : undefined}
          onClick={() => check.mutate(change.id)}
        >
          {check.isPending ? "Checking…" : "Check now"}
        </Button>
      )}
      {check.isError && (
        <span role="alert" className="block text-xs text-red-800">
          {check.error.message}
        </span>
      )}
    </div>
  );
}
