"use client";
import Link from "next/link";
import { useInventory } from "@/lib/client/use-inventory";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryState } from "@/components/ui/query-state";
import type { BucketPage } from "@/lib/contracts/bucket-list";
import { KeyLabel } from "@/components/buckets/key-label";
import { bucketHref, wizardHref } from "@/lib/contracts/hrefs";
import { AccountProblems } from "@/components/shell/account-problems";

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
  const inventory = useInventory();
  return (
    <QueryState
      query={inventory}
      loading="Loading the overview"
      rows={5}
      errorTitle="The bucket inventory could not be loaded."
    >
      {(data) => <Overview inventory={data} />}
    </QueryState>
  );
}

function Overview({ inventory }: { inventory: BucketPage }) {
  const { summary, buckets, accounts } = inventory;
  const candidates = buckets.filter((b) => b.candidate);
  const share = summary.bucketKeyShare === null ? "—" : `${Math.round(summary.bucketKeyShare * 100)}%`;

  return (
    <div className="space-y-6">
      <AccountProblems accounts={accounts} />
      <section aria-labelledby="posture-heading">
        <h2 id="posture-heading" className="sr-only">
          Encryption posture
        </h2>
        <div className="grid grid-cols-2 gap-3 md:grid-cols-3 lg:grid-cols-6" data-testid="overview-tiles">
          <Tile label="Buckets" value={summary.total} hint={`${summary.regions.length} regions`} href="/buckets" />
          <Tile label="SSE-KMS" value={summary.byType["SSE-KMS"] ?? 0} href="/buckets?type=SSE-KMS" />
          <Tile label="DSSE-KMS" value={summary.byType["DSSE-KMS"] ?? 0} href="/buckets?type=DSSE-KMS" />
          <Tile label="SSE-S3" value={summary.byType["SSE-S3"] ?? 0} href="/buckets?type=SSE-S3" />
          <Tile label="No default" value={summary.byType.NONE ?? 0} href="/buckets?type=NONE" />
          <Tile
            label="Bucket Key share"
            value={share}
            hint={`${summary.withBucketKey} of ${summary.kmsBuckets} SSE-KMS buckets`}
          />
        </div>
      </section>
      <section aria-labelledby="candidates-heading" className="rounded-lg border border-slate-200 bg-white">
        <div className="flex items-center justify-between border-b border-slate-200 px-4 py-3">
          <h2 id="candidates-heading" className="font-semibold">
            Candidates for a Bucket Key <span className="text-slate-500">({candidates.length})</span>
          </h2>
          <Link href="/buckets?candidates=1" className="text-sm text-brand-700 hover:underline">
            Open in the bucket table
          </Link>
        </div>
        {candidates.length === 0 ? (
          <div className="p-4">
            <EmptyState title="No candidates.">Every SSE-KMS bucket already uses a Bucket Key.</EmptyState>
          </div>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="candidate-list">
            {candidates.map((b) => (
              <li key={b.name} className="flex items-center justify-between gap-4 px-4 py-2.5">
                <div>
                  <Link href={bucketHref(b.name, b.account)} className="font-medium text-brand-700 hover:underline">
                    {b.name}
                  </Link>
                  <div className="text-xs text-slate-500">
                    SSE-KMS without Bucket Key · <span className="font-mono">{b.region}</span>
                  </div>
                </div>
                <div className="flex items-center gap-4">
                  <KeyLabel encryption={b.encryption} />
                  <ButtonLink href={wizardHref([b.name], b.account)} variant="outline" size="sm">
                    Enable Bucket Key
                  </ButtonLink>
                </div>
              </li>
            ))}
          </ul>
        )}
        <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-500">
          Without a Bucket Key, S3 calls KMS for every object it encrypts or decrypts. With one, S3 calls KMS about once
          per requesting principal per key refresh window — typically a reduction of up to 99% in KMS requests.
        </p>
      </section>
    </div>
  );
}
