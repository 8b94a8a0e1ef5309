import type { Metadata } from "next";
import Link from "next/link";
import { BucketDetailView } from "@/components/buckets/bucket-detail-view";
import { PageHeader } from "@/components/ui/page-header";

type Props = { params: Promise<{ name: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeURIComponent((await params).name) };
}

export default async function BucketPage({ params }: Props) {
  const name = decodeURIComponent((await params).name);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/buckets" className="hover:underline">
          Buckets
        </Link>{" "}
        / <span className="text-slate-700">{name}</span>
      </nav>
      <PageHeader title={name} />
      <BucketDetailView name={name} />
    </>
  );
}
