"use client";
import Link from "next/link";
import { useHeadline } from "@/lib/client/use-headline";
import type { Headline } from "@/lib/contracts/cost-evidence";
import { QueryState } from "@/components/ui/query-state";
import { formatUsd } from "@/components/charts/format";

// The Overview's first lines, for the budget owner: what S3's KMS requests cost a month, what the
// changes saved so far, what is left to save. Each figure says where it comes from and its days.

const sourceName = { bill: "Bill", cloudtrail: "CloudTrail" } as const;

function Figure({ title, figure, testId }: { title: string; figure: Headline["monthlyCost"]; testId: string }) {
  return (
    <Link
      href="/reports#cost-evidence"
      data-testid={testId}
      className="block rounded-lg border border-slate-200 bg-white p-4 hover:border-brand-600"
    >
      <div className="text-xs font-medium uppercase tracking-wide text-slate-500">{title}</div>
      <div className="mt-1 text-3xl font-semibold tabular-nums">
        {figure.usd === null ? "—" : formatUsd(figure.usd)}
      </div>
      {figure.basis ? (
        <div className="mt-1 text-xs text-slate-600">
          <span className="mr-1 rounded bg-slate-100 px-1.5 py-0.5 font-medium text-slate-700">
            {sourceName[figure.basis.source]}
          </span>
          {figure.basis.label}
        </div>
      ) : (
        <div className="mt-1 text-xs text-slate-500">No data yet: read CloudTrail and the bill on Reports.</div>
      )}
    </Link>
  );
}

export function CostHeadline() {
  const headline = useHeadline();
  return (
    <section aria-labelledby="headline-heading">
      <h2 id="headline-heading" className="sr-only">
        KMS request cost and savings
      </h2>
      <QueryState
        query={headline}
        loading="Loading the cost headline"
        rows={1}
        errorTitle="The cost headline could not be loaded."
      >
        {(h) => (
          <div className="grid gap-3 md:grid-cols-3">
            <Figure title="S3's KMS request cost" figure={h.monthlyCost} testId="headline-cost" />
            <Figure title="Saved so far" figure={h.realizedSaving} testId="headline-realized" />
            <Figure title="Saving left to make" figure={h.projectedSavingLeft} testId="headline-projected" />
          </div>
        )}
      </QueryState>
    </section>
  );
}
