"use client";
import type { KeyHeadroom } from "@/lib/contracts/usage";
import { formatRate, formatShare, kmsQuotaSource } from "@/lib/contracts/kms-quotas";
import { Badge } from "@/components/ui/badge";
import { TableHead } from "@/components/ui/table-head";

/** Above half the quota a burst, or another caller, can be throttled. */
const tone = (share: number) => (share >= 0.8 ? "bad" : share >= 0.5 ? "warn" : "good");

/** Per KMS key: the busiest minute in the range against the region's shared quota, today and with a Bucket Key. */
export function HeadroomTable({ headroom }: { headroom: KeyHeadroom[] }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white" aria-label="KMS request-rate headroom">
      <div className="p-4 pb-2">
        <h2 className="font-semibold">KMS request-rate headroom per key</h2>
        <p className="text-xs text-slate-500">
          The busiest minute of S3&rsquo;s calls with each key in the range, as requests per second, against the
          account&rsquo;s shared quota for symmetric KMS operations in the key&rsquo;s region (
          <a href={kmsQuotaSource.url} className="text-brand-700 underline" target="_blank" rel="noreferrer">
            KMS developer guide
          </a>
          , read {kmsQuotaSource.checked}; overridable in Settings). Other callers of KMS share the quota, and bursts
          within a minute run higher than its average.
        </p>
      </div>
      {headroom.length === 0 ? (
        <p className="px-4 pb-4 text-sm text-slate-600">
          No per-minute figures in this range: they are kept for log files read since this version (not for Athena).
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full text-left text-sm" aria-label="Headroom per key" data-testid="headroom-table">
            <TableHead
              columns={["Key", "Busiest minute today", "Share of quota", "With a Bucket Key", "Region quota"]}
            />
            <tbody className="divide-y divide-slate-100">
              {headroom.map((k) => (
                <tr key={k.keyArn} data-testid={`headroom-${k.keyArn.split("/").pop()}`}>
                  <td className="max-w-xs break-all px-3 py-2 font-mono text-xs">
                    {k.alias && (
                      <span className="block font-sans text-sm text-slate-900" data-testid="headroom-alias">
                        {k.alias}
                      </span>
                    )}
                    {k.keyArn || "(key not named in the records)"}
                    <span className="block font-sans text-slate-500">{k.region}</span>
                  </td>
                  <td className="px-3 py-2 tabular-nums">
                    {formatRate(k.peakPerSecond)}
                    {k.peakAt && (
                      <span className="block text-xs text-slate-500">
                        {k.peakAt.slice(0, 16).replace("T", " ")} UTC
                      </span>
                    )}
                  </td>
                  <td className="px-3 py-2">
                    <Badge tone={tone(k.share)}>{formatShare(k.share)}</Badge>
                  </td>
                  <td className="px-3 py-2 tabular-nums">
                    {formatRate(k.projectedPeakPerSecond)}{" "}
                    <span className="text-xs text-slate-500">({formatShare(k.projectedShare)})</span>
                  </td>
                  <td className="px-3 py-2 tabular-nums">
                    {k.quotaPerSecond.toLocaleString("en-US")}/s
                    <span className="block text-xs text-slate-500">
                      {k.quotaSource === "settings" ? "set in Settings" : "KMS default"}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
