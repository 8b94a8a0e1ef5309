import type { Metadata } from "next";
import Link from "next/link";
import { BucketDetailView } from "@/components/buckets/bucket-detail-view";
import { AccountScope } from "@/lib/client/account-scope";
import { PageHeader } from "@/components/ui/page-header";

type Props = { params: Promise<{ name: string }>; searchParams: Promise<{ account?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeURIComponent((await params).name) };
}

export default async function BucketPage({ params, searchParams }: Props) {
  const name = decodeURIComponent((await params).name);
  const { account } = await searchParams;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/buckets" className="hover:underline">
          Buckets
        </Link>{" "}
        / <span className="text-slate-700">{name}</span>
      </nav>
      <PageHeader title={name} />
      {/* The bucket's account, named by the link that led here (the all-accounts view). */}
      <AccountScope account={account ?? null}>
        <BucketDetailView name={name} />
      </AccountScope>
    </>
  );
}
