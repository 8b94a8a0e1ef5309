"use client";
import Link from "next/link";
import { useAccountScope } from "@/lib/client/account-scope";
import { useCurrentEncryptions } from "@/lib/client/use-current-encryptions";
import { useWizardBuckets } from "@/lib/client/use-wizard-buckets";
import { wizardLimits, wizardMatchingHref } from "@/lib/contracts/hrefs";
import type { BucketPosture } from "@/lib/contracts/inventory";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorPanel } from "@/components/ui/error-panel";
import { QueryState } from "@/components/ui/query-state";
import { WizardSteps } from "./encryption-wizard";
import { initialState } from "./wizard-model";

// The wizard over every bucket matching the bucket table's filters ("Select all N matching"):
// the filters arrive in the URL and are resolved here, page by page, into the buckets to edit.

const count = (n: number) => n.toLocaleString("en-US");

export function MatchingWizard({ filterQuery }: { filterQuery: string }) {
  const query = new URLSearchParams(filterQuery);
  const matching = useWizardBuckets(query, wizardLimits.matching);
  return (
    <QueryState
      query={matching}
      loading="Finding the matching buckets"
      rows={5}
      errorTitle="The matching buckets could not be listed."
    >
      {({ buckets, total, more }) =>
        more ? (
          <ErrorPanel
            title="Too many buckets for one run."
            error={
              new Error(`${count(total)} buckets match: narrow the filters to at most ${count(wizardLimits.matching)}.`)
            }
          />
        ) : buckets.length === 0 ? (
          <EmptyState title="No bucket matches these filters any more.">
            <Link href="/buckets" className="text-brand-700 underline">
              Back to the bucket table
            </Link>
          </EmptyState>
        ) : (
          <InOneRegion buckets={buckets} query={query} />
        )
      }
    </QueryState>
  );
}

function InOneRegion({ buckets, query }: { buckets: BucketPosture[]; query: URLSearchParams }) {
  const account = useAccountScope();
  const notScanned = buckets.filter((b) => b.readAt === null).length;
  if (notScanned > 0)
    return (
      <ErrorPanel
        title="Some of these buckets are not scanned yet."
        error={
          new Error(
            `${count(notScanned)} of the ${count(buckets.length)} matching buckets have not been read yet: ` +
              "wait for the scan (see Buckets), then open the wizard again.",
          )
        }
      />
    );
  const byRegion = Map.groupBy(buckets, (b) => b.region ?? "unknown");
  if (byRegion.size > 1)
    return (
      <section
        className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm"
        aria-label="Choose a region"
      >
        <p className="font-medium">
          These {count(buckets.length)} buckets are in {byRegion.size} regions. A KMS key serves one region: edit them
          one region at a time.
        </p>
        <ul className="list-disc space-y-1 pl-5">
          {[...byRegion].map(([region, inRegion]) => {
            const narrowed = new URLSearchParams(query);
            narrowed.set("region", region);
            return (
              <li key={region}>
                <Link href={wizardMatchingHref(narrowed, account)} className="text-brand-700 underline">
                  {count(inRegion.length)} buckets in {region}
                </Link>
              </li>
            );
          })}
        </ul>
      </section>
    );
  return <Resolved names={buckets.map((b) => b.name)} region={buckets[0]!.region!} />;
}

function Resolved({ names, region }: { names: string[]; region: string }) {
  // The first bucket's setting is the starting point; every bucket's own is read in its review.
  const first = useCurrentEncryptions(names.slice(0, 1));
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600" data-testid="wizard-scope">
        {count(names.length)} buckets in {region}, as they matched when this page opened.
      </p>
      <QueryState
        query={first}
        loading="Reading the current encryption"
        rows={5}
        errorTitle="The current encryption could not be read."
      >
        {(currents) => <WizardSteps buckets={names} region={region} initial={initialState(currents[0])} />}
      </QueryState>
    </div>
  );
}
