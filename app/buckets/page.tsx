import type { Metadata } from "next";
import { Suspense } from "react";
import { BucketsView } from "@/components/buckets/buckets-view";
import { PageHeader } from "@/components/ui/page-header";
import { SkeletonRows } from "@/components/ui/skeleton";

export const metadata: Metadata = { title: "Buckets" };

export default function BucketsPage() {
  return (
    <>
      <PageHeader
        title="Buckets"
        description="Default encryption, KMS key, Bucket Key, versioning and replication of every bucket, across regions."
      />
      {/* The view reads its filters from the URL, which needs a Suspense boundary. */}
      <Suspense fallback={<SkeletonRows rows={8} label="Loading buckets" />}>
        <BucketsView />
      </Suspense>
    </>
  );
}
