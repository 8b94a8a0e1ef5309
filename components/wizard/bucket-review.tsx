"use client";
import type { usePreflights } from "@/lib/client/use-preflights";
import type { PreflightCheck, PreflightResult } from "@/lib/contracts/encryption";
import type { BucketEncryption } from "@/lib/contracts/inventory";
import { QueryState } from "@/components/ui/query-state";
import { CodePanel } from "./code-panel";

// One bucket's review: what changes (diff), the pre-flight checks, and the same change as code.

const statusStyle = { pass: "text-emerald-700", warn: "text-amber-700", fail: "text-red-700" } as const;
const statusIcon = { pass: "✓", warn: "!", fail: "✕" } as const;

function describeEncryption(e: BucketEncryption, field: "type" | "key" | "bucketKey"): string {
  if (field === "type") return e.type === "NONE" ? "None" : e.type;
  if (field === "key")
    return e.type === "SSE-KMS" || e.type === "DSSE-KMS"
      ? `${e.kmsKeyAlias ?? ""} ${e.kmsKeyArn ?? e.kmsKeyReference ?? ""}`.trim()
      : "—";
  return e.type === "SSE-S3" || e.type === "NONE"
    ? e.bucketKeyEnabled
      ? "Enabled (no effect)"
      : "Disabled"
    : e.bucketKeyEnabled
      ? "Enabled"
      : "Disabled";
}

function Diff({ review }: { review: PreflightResult }) {
  const rows: { label: string; field: "type" | "key" | "bucketKey" }[] = [
    { label: "Encryption type", field: "type" },
    { label: "KMS key", field: "key" },
    { label: "Bucket Key", field: "bucketKey" },
  ];
  return (
    <table className="w-full text-left text-sm" aria-label={`Changes to ${review.current.bucket}`}>
      <thead className="text-xs uppercase text-slate-600">
        <tr>
          <th scope="col" className="py-1 pr-3">
            Setting
          </th>
          <th scope="col" className="py-1 pr-3">
            Current
          </th>
          <th scope="col" className="py-1">
            Proposed
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const before = describeEncryption(review.current.encryption, r.field);
          const after = describeEncryption(review.proposed, r.field);
          // Keys compare by ARN: the same key may be shown with or without its alias.
          const changed =
            r.field === "key"
              ? (review.current.encryption.kmsKeyArn ?? null) !== (review.proposed.kmsKeyArn ?? null)
              : before !== after;
          return (
            <tr key={r.field} className={changed ? "bg-amber-50" : ""} data-changed={changed}>
              <th scope="row" className="py-1.5 pr-3 font-medium">
                {r.label}
              </th>
              <td className="break-all py-1.5 pr-3 font-mono text-xs">{before}</td>
              <td className={`break-all py-1.5 font-mono text-xs ${changed ? "font-bold text-amber-900" : ""}`}>
                {after}
                {changed && <span className="sr-only"> (changed)</span>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function CheckList({ checks }: { checks: PreflightCheck[] }) {
  return (
    <ul className="space-y-1.5" aria-label="Pre-flight checks">
      {checks.map((c) => (
        <li key={c.id} className="flex gap-2 text-sm" data-testid={`check-${c.id}`} data-status={c.status}>
          <span className={`w-5 shrink-0 text-center font-bold ${statusStyle[c.status]}`} aria-label={c.status}>
            {statusIcon[c.status]}
          </span>
          <span>
            <span className="font-medium">{c.title}:</span> {c.message}
            {c.evidence !== undefined && (
              <pre className="mt-1 overflow-x-auto rounded bg-slate-100 p-2 text-xs">
                {JSON.stringify(c.evidence, null, 2)}
              </pre>
            )}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** One bucket's review in full: the diff, the checks and the code. */
export function BucketReview({
  bucket,
  preflight,
}: {
  bucket: string;
  preflight: ReturnType<typeof usePreflights>[number];
}) {
  return (
    <article className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-label={`Review of ${bucket}`}>
      <h3 className="font-semibold">{bucket}</h3>
      <QueryState
        query={preflight}
        loading={`Checking ${bucket}`}
        rows={3}
        errorTitle={`The checks for ${bucket} could not run.`}
      >
        {(review) => (
          <>
            <Diff review={review} />
            <CheckList checks={review.checks} />
            <CodePanel code={review.code} />
          </>
        )}
      </QueryState>
    </article>
  );
}
