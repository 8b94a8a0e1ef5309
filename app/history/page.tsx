import type { Metadata } from "next";
import { Suspense } from "react";
import { HistorySections } from "@/components/history/history-sections";
import { PageHeader } from "@/components/ui/page-header";
import { SkeletonRows } from "@/components/ui/skeleton";
import { WritesHistory } from "@/components/history/writes-history";
import { BatchJobsHistory } from "@/components/objects/batch-jobs-history";

export const metadata: Metadata = { title: "History" };

export default function HistoryPage() {
  return (
    <>
      <PageHeader
        title="History"
        description={
          "Every change to a bucket: those the console made, with who made them and a way back, " +
          "and those made outside it that CloudTrail recorded."
        }
      />
      {/* The filters live in the URL, which needs a Suspense boundary. */}
      <Suspense fallback={<SkeletonRows rows={5} label="Loading the history" />}>
        <HistorySections />
      </Suspense>
      <WritesHistory />
      <BatchJobsHistory />
    </>
  );
}
