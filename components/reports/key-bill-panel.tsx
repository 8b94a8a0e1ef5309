"use client";
import Link from "next/link";
import { useReconciliation } from "@/lib/client/use-reconciliation";
import { formatCount, formatUsd } from "@/components/charts/format";
import { QueryState } from "@/components/ui/query-state";
import { GapCauses } from "./reconciliation-section";

// A bucket's key on the bill: over the reconciliation's period, the key's billed requests and
// cost beside S3's calls with it (every bucket using the key), the share S3 explains and, for a
// gap, its likely causes. The bill counts the key's every caller, not only this bucket.

export function KeyBillPanel({ keyArn }: { keyArn: string }) {
  const report = useReconciliation(keyArn);
  return (
    <section aria-labelledby="key-bill-heading" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <h2 id="key-bill-heading" className="mb-1 font-semibold">
        This bucket&apos;s key on the bill
      </h2>
      <QueryState
        query={report}
        loading="Reading the key's bill"
        rows={1}
        errorTitle="The key's bill could not be read."
      >
        {(r) => {
          const k = r.keys[0];
          if (!r.billRead || !k || k.billRequests === 0)
            return (
              <p data-testid="key-bill">
                {r.billRead ? "The bill read has no request line for this key" : "No bill is read yet"} ({r.fromDay} to{" "}
                {r.toDay}).{" "}
                <Link href="/reports#cost-evidence" className="text-brand-700 underline">
                  The bill beside CloudTrail
                </Link>
              </p>
            );
          return (
            <div data-testid="key-bill">
              <p>
                {r.fromDay} to {r.toDay}: {formatCount(k.billRequests)} requests, {formatUsd(k.billCostUsd)} billed;
                S3&apos;s calls with the key {formatCount(k.trailRequests)}
                {k.share !== null && ` — S3 explains ${Math.round(k.share * 100)}% of the key's bill`}.
              </p>
              <GapCauses causes={k.causes} className="text-amber-900" />
            </div>
          );
        }}
      </QueryState>
    </section>
  );
}
