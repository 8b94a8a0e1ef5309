"use client";
import type { AwsWrite } from "@/lib/contracts/write-status";
import { useWrites } from "@/lib/client/use-changes";
import { ErrorPanel } from "@/components/ui/error-panel";
import { WriteStatusSteps } from "./change-status";

// History: the console's writes other than default encryption (a new KMS key, an inventory setup, a
// Batch Operations submission, the guardrail's Config rule), each recorded before it was sent, with its status and what happened.

const kinds: Record<AwsWrite["kind"], string> = {
  "kms-create-key": "New KMS key",
  "inventory-setup": "S3 Inventory setup",
  "batch-submit": "Batch Operations submission",
  "config-rule": "AWS Config guardrail rule",
};

export function WritesHistory() {
  const writes = useWrites();
  return (
    <section
      aria-label="Other changes to AWS"
      className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm"
    >
      <h2 className="font-semibold">Keys, inventory setups and Batch submissions</h2>
      {writes.isPending && <p className="text-slate-600">Loading…</p>}
      {writes.isError && (
        <ErrorPanel title="These changes could not be read." error={writes.error} onRetry={() => writes.refetch()} />
      )}
      {writes.data?.writes.length === 0 && <p className="text-slate-600">None yet.</p>}
      <ul className="divide-y divide-slate-100">
        {writes.data?.writes.map((w) => (
          <li key={w.id} className="grid gap-1 py-2 sm:grid-cols-[1fr_20rem]" data-testid={`write-${w.id}`}>
            <p>
              <span className="font-medium">{kinds[w.kind]}</span> · {w.target} ·{" "}
              <time dateTime={w.at}>{new Date(w.at).toLocaleString()}</time>
              {w.user && <span className="text-slate-600"> · {w.user}</span>}
              {w.result && <span className="block break-all font-mono text-xs text-slate-600">{w.result}</span>}
            </p>
            <div className="space-y-1">
              <WriteStatusSteps status={w.status} steps={w.steps} />
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
