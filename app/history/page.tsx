import type { Metadata } from "next";
import { HistoryView } from "@/components/history/history-view";
import { PageHeader } from "@/components/ui/page-header";
import { WritesHistory } from "@/components/history/writes-history";
import { BatchJobsHistory } from "@/components/objects/batch-jobs-history";

export const metadata: Metadata = { title: "History" };

export default function HistoryPage() {
  return (
    <>
      <PageHeader
        title="History"
        description="Every change the console made to a bucket's default encryption, who made it, and a way back."
      />
      <HistoryView />
      <WritesHistory />
      <BatchJobsHistory />
    </>
  );
}
