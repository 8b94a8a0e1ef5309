"use client";
import Link from "next/link";
import { useInventoryScan } from "@/lib/client/use-inventory-scan";
import { useInventorySummary } from "@/lib/client/use-inventory-summary";
import { useTopCandidates } from "@/lib/client/use-top-candidates";
import { QueryState } from "@/components/ui/query-state";
import type { BucketPage } from "@/lib/contracts/bucket-list";
import { ScanProgress } from "@/components/buckets/scan-progress";
import { NoBuckets } from "@/components/buckets/no-buckets";
import { TopCandidates } from "./top-candidates";
import { AccountProblems } from "@/components/shell/account-problems";
import { CostHeadline } from "./cost-headline";

function Tile({ label, value, hint, href }: { label: string; value: string | number; hint?: string; href?: string }) {
  const body = (
    <>
      <div className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</div>
      <div className="mt-1 text-3xl font-semibold tabular-nums">{value}</div>
      {hint && <div className="mt-1 text-xs text-slate-500">{hint}</div>}
    </>
  );
  const cls = "block rounded-lg border border-slate-200 bg-white p-4";
  return href ? (
    <Link href={href} className={`${cls} hover:border-brand-600`}>
      {body}
    </Link>
  ) : (
    <div className={cls}>{body}</div>
  );
}

export function OverviewView() {
  const scanning = useInventoryScan().data?.scan.state === "running";
  const inventory = useInventorySummary({ scanning });
  return (
    <div className="space-y-6">
      <CostHeadline />
      <div className="flex justify-end">
        <ScanProgress />
      </div>
      <QueryState
        query={inventory}
        loading="Loading the overview"
        rows={5}
        errorTitle="The bucket inventory could not be loaded."
      >
        {(data) => <Overview inventory={data} />}
      </QueryState>
    </div>
  );
}

function Overview({ inventory }: { inventory: BucketPage }) {
  const { summary, accounts } = inventory;
  const candidates = useTopCandidates();
  const share = summary.bucketKeyShare === null ? "—" : `${Math.round(summary.bucketKeyShare * 100)}%`;
  const count = (n: number | undefined) => (n ?? 0).toLocaleString("en-US");

  // Nothing read yet (or really no bucket): why and what to do, instead of a row of zeros.
  if (summary.total === 0) return <NoBuckets accounts={accounts.length} />;
  return (
    <div className="space-y-6">
      <AccountProblems accounts={accounts} />
      <section aria-labelledby="posture-heading">
        <h2 id="posture-heading" className="sr-only">
          Encryption posture
        </h2>
        <div className="grid grid-cols-2 gap-3 md:grid-cols-3 lg:grid-cols-6" data-testid="overview-tiles">
          <Tile
            label="Buckets"
            value={count(summary.total)}
            hint={`${summary.regions.length} regions${summary.notScanned ? ` · ${count(summary.notScanned)} not scanned yet` : ""}`}
            href="/buckets"
          />
          <Tile label="SSE-KMS" value={count(summary.byType["SSE-KMS"])} href="/buckets?type=SSE-KMS" />
          <Tile label="DSSE-KMS" value={count(summary.byType["DSSE-KMS"])} href="/buckets?type=DSSE-KMS" />
          <Tile label="SSE-S3" value={count(summary.byType["SSE-S3"])} href="/buckets?type=SSE-S3" />
          <Tile label="No default" value={count(summary.byType.NONE)} href="/buckets?type=NONE" />
          <Tile
            label="Bucket Key share"
            value={share}
            hint={`${count(summary.withBucketKey)} of ${count(summary.kmsBuckets)} SSE-KMS buckets`}
          />
        </div>
      </section>
      <section aria-labelledby="candidates-heading" className="rounded-lg border border-slate-200 bg-white">
        <div className="flex items-center justify-between border-b border-slate-200 px-4 py-3">
          <h2 id="candidates-heading" className="font-semibold">
            Candidates for a Bucket Key <span className="text-slate-500">({count(summary.candidates)})</span>
          </h2>
          <Link href="/buckets?candidates=1" className="text-sm text-brand-700 hover:underline">
            All {count(summary.candidates)} candidates in the bucket table
          </Link>
        </div>
        <QueryState
          query={candidates}
          loading="Loading the top candidates"
          rows={3}
          errorTitle="The candidates could not be loaded."
        >
          {(top) => <TopCandidates top={top} />}
        </QueryState>
        <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-500">
          Without a Bucket Key, S3 calls KMS for every object it encrypts or decrypts. With one, S3 calls KMS about once
          per requesting principal per key refresh window — typically a reduction of up to 99% in KMS requests.
        </p>
      </section>
    </div>
  );
}
