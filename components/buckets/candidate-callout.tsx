"use client";
import Link from "next/link";
import { useSavings } from "@/lib/client/use-savings";
import { formatUsd } from "@/components/charts/format";
import { Why } from "@/components/reports/savings-table";
import { rangeOf } from "@/components/usage/range-picker";

// The bucket page's "Bucket Key is off" banner: this bucket's projected monthly saving (the figure
// Reports shows for the last 30 days, with the same "why this number"), or, without usage data
// for it, the general effect and where the figure would come from.

const lastMonth = { days: 30 } as const;

export function CandidateCallout({ bucket, editHref }: { bucket: string; editHref: string }) {
  const savings = useSavings(rangeOf(lastMonth));
  const row = savings.data?.rows.find((r) => r.bucket === bucket && r.method === "projected");
  return (
    <div
      className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900"
      data-testid="candidate-callout"
    >
      <strong>Bucket Key is off.</strong> Every object this bucket encrypts or decrypts is a KMS request.{" "}
      {row?.monthlySavingUsd != null ? (
        <>
          Turning the Bucket Key on saves about{" "}
          <strong data-testid="candidate-saving">{formatUsd(row.monthlySavingUsd)} a month</strong>, projected from its
          KMS requests of the last 30 days (<Why row={row} opens="right" />
          ).{" "}
        </>
      ) : (
        <>
          Turning the Bucket Key on cuts those requests by up to 99%;{" "}
          {savings.isPending
            ? "its saving is being computed."
            : "this bucket's saving shows once its KMS requests are read (Reports)."}{" "}
        </>
      )}
      <Link href={editHref} className="font-medium underline">
        Enable the Bucket Key
      </Link>
    </div>
  );
}
