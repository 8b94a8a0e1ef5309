import type { Metadata } from "next";
import { ReportsView } from "@/components/reports/reports-view";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Reports" };

export default function ReportsPage() {
  return (
    <>
      <PageHeader
        title="Reports"
        description={
          "KMS requests that S3 makes for this account, what they cost, and what Bucket Keys save — projected for " +
          "candidates, realized where already on."
        }
      />
      <ReportsView />
    </>
  );
}
