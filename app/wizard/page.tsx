import type { Metadata } from "next";
import Link from "next/link";
import { AccountScope } from "@/lib/client/account-scope";
import { EncryptionWizard } from "@/components/wizard/encryption-wizard";
import { MatchingWizard } from "@/components/wizard/matching-wizard";
import { ErrorPanel } from "@/components/ui/error-panel";
import { PageHeader } from "@/components/ui/page-header";
import { checkBucketName } from "@/lib/contracts/bucket-name";
import { bucketFilterQuerySchema } from "@/lib/contracts/bucket-list";
import { wizardLimits } from "@/lib/contracts/hrefs";

export const metadata: Metadata = { title: "Edit default encryption" };

type Query = Record<string, string | string[] | undefined>;
type Props = { searchParams: Promise<Query> };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

// Two ways in: ?buckets=a,b,c (a few buckets, named), or ?select=matching&<filters> (every bucket
// matching the bucket table's filters, resolved in the browser through the paged API).
function namedProblem(buckets: string[]): string | null {
  const invalid = buckets.map((b) => ({ b, check: checkBucketName(b) })).find(({ check }) => !check.ok);
  if (buckets.length === 0)
    return "No bucket selected. Choose buckets in the bucket table, or open a bucket and choose Edit default encryption.";
  if (buckets.length > wizardLimits.named)
    return `Select at most ${wizardLimits.named} buckets by name, or use "Select all matching" in the bucket table.`;
  if (invalid && !invalid.check.ok)
    return `"${invalid.b.slice(0, 80)}" is not a valid S3 bucket name: it ${invalid.check.reason}.`;
  return null;
}

function matchingFilters(query: Query): { filters: string } | { problem: string } {
  // select and account say where the filters apply, not which buckets: they are not filters.
  const entries = Object.entries(query)
    .filter(([k]) => k !== "select" && k !== "account")
    .map(([k, v]) => [k, one(v) ?? ""] as const);
  const parsed = bucketFilterQuerySchema.safeParse(Object.fromEntries(entries));
  if (!parsed.success)
    return { problem: `These filters cannot be used: ${parsed.error.issues.map((i) => i.message).join("; ")}.` };
  return { filters: new URLSearchParams(entries.map(([k, v]) => [k, v])).toString() };
}

export default async function WizardPage({ searchParams }: Props) {
  const query = await searchParams;
  const account = one(query.account) ?? null;
  const matching = one(query.select) === "matching" ? matchingFilters(query) : null;
  const buckets = matching ? [] : [...new Set(one(query.buckets)?.split(",").filter(Boolean) ?? [])];
  const problem = matching ? ("problem" in matching ? matching.problem : null) : namedProblem(buckets);
  const description = matching
    ? "Every bucket matching the bucket table's filters"
    : buckets.length > 1
      ? `${buckets.length} buckets: ${buckets.join(", ")}`
      : buckets[0];
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/buckets" className="hover:underline">
          Buckets
        </Link>{" "}
        / Edit default encryption
      </nav>
      <PageHeader title="Edit default encryption" description={description} />
      {problem ? (
        <ErrorPanel title="Nothing to edit." error={new Error(problem)} />
      ) : (
        <AccountScope account={account}>
          {matching && "filters" in matching ? (
            <MatchingWizard filterQuery={matching.filters} />
          ) : (
            <EncryptionWizard buckets={buckets} />
          )}
        </AccountScope>
      )}
    </>
  );
}
