"use client";
import { IntentLink } from "@/components/ui/intent-link";
import type { TopCandidates as Top } from "@/lib/contracts/bucket-list";
import { bucketHref, wizardHref } from "@/lib/contracts/hrefs";
import { KeyLabel } from "@/components/buckets/key-label";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

const usd = (n: number) => n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The candidates with the largest projected monthly saving (usage store, last 30 days); the heading links to all. */
export function TopCandidates({ top }: { top: Top }) {
  if (top.candidates.length === 0)
    return (
      <div className="p-4">
        <EmptyState title="No candidates.">Every SSE-KMS bucket already uses a Bucket Key.</EmptyState>
      </div>
    );
  return (
    <>
      {!top.hasUsageData && (
        <p className="px-4 pt-3 text-xs text-slate-500">
          No KMS usage ingested yet, so savings are unknown: candidates are listed by name. Ingest usage in Settings.
        </p>
      )}
      <ul className="divide-y divide-slate-100" data-testid="candidate-list">
        {top.candidates.map(({ bucket: b, monthlySavingUsd }) => (
          <li key={`${b.account}/${b.name}`} className="flex items-center justify-between gap-4 px-4 py-2.5">
            <div>
              <IntentLink href={bucketHref(b.name, b.account)} className="font-medium text-brand-700 hover:underline">
                {b.name}
              </IntentLink>
              <div className="text-xs text-slate-500">
                SSE-KMS without Bucket Key · <span className="font-mono">{b.region}</span>
              </div>
            </div>
            <div className="flex items-center gap-4">
              <span className="text-sm tabular-nums" data-testid={`candidate-saving-${b.name}`}>
                {monthlySavingUsd === null ? (
                  <span className="text-slate-500">No usage data</span>
                ) : (
                  <>
                    About <span className="font-semibold">USD {usd(monthlySavingUsd)}</span> a month
                  </>
                )}
              </span>
              <KeyLabel encryption={b.encryption} />
              <ButtonLink href={wizardHref([b.name], b.account)} variant="outline" size="sm">
                Enable Bucket Key
              </ButtonLink>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
