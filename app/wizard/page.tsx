import type { Metadata } from "next";
import Link from "next/link";
import { AccountScope } from "@/lib/client/account-scope";
import { EncryptionWizard } from "@/components/wizard/encryption-wizard";
import { ErrorPanel } from "@/components/ui/error-panel";
import { PageHeader } from "@/components/ui/page-header";
import { checkBucketName } from "@/lib/contracts/bucket-name";

export const metadata: Metadata = { title: "Edit default encryption" };

type Props = { searchParams: Promise<{ buckets?: string; account?: string }> };

const maxBuckets = 50;

export default async function WizardPage({ searchParams }: Props) {
  const query = await searchParams;
  const buckets = [...new Set(query.buckets?.split(",").filter(Boolean) ?? [])];
  const invalid = buckets.map((b) => ({ b, check: checkBucketName(b) })).find(({ check }) => !check.ok);
  const problem =
    buckets.length === 0
      ? "No bucket selected. Choose buckets in the bucket table, or open a bucket and choose Edit default encryption."
      : buckets.length > maxBuckets
        ? `Select at most ${maxBuckets} buckets at a time.`
        : invalid && !invalid.check.ok
          ? `"${invalid.b.slice(0, 80)}" is not a valid S3 bucket name: it ${invalid.check.reason}.`
          : null;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/buckets" className="hover:underline">
          Buckets
        </Link>{" "}
        / Edit default encryption
      </nav>
      <PageHeader
        title="Edit default encryption"
        description={buckets.length > 1 ? `${buckets.length} buckets: ${buckets.join(", ")}` : buckets[0]}
      />
      {problem ? (
        <ErrorPanel title="Nothing to edit." error={new Error(problem)} />
      ) : (
        <AccountScope account={query.account ?? null}>
          <EncryptionWizard buckets={buckets} />
        </AccountScope>
      )}
    </>
  );
}
