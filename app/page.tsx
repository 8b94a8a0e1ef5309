import { OverviewView } from "@/components/overview/overview-view";
import { PageHeader } from "@/components/ui/page-header";

export default function OverviewPage() {
  return (
    <>
      <PageHeader title="Overview" description="Where this account stands on S3 default encryption and Bucket Keys." />
      <OverviewView />
    </>
  );
}
