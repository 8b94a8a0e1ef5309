"use client";
import Link from "next/link";
import type { BucketPosture } from "@/lib/contracts/inventory";
import type { Sort, SortKey } from "@/lib/contracts/bucket-filters";
import { Badge } from "@/components/ui/badge";
import { BucketKeyBadge, EncryptionTypeBadge } from "./encryption-badges";
import { KeyLabel, KeyProblem } from "./key-label";
import { bucketHref, wizardHref } from "@/lib/contracts/hrefs";

type Props = {
  buckets: BucketPosture[];
  sort: Sort;
  onSort: (key: SortKey) => void;
  selected: ReadonlySet<string>;
  onSelect: (names: string[], selected: boolean) => void;
  /** The all-accounts view: each row says whose bucket it is. */
  showAccount: boolean;
};

const columns: { key: SortKey | null; label: string }[] = [
  { key: "name", label: "Bucket" },
  { key: "region", label: "Region" },
  { key: "type", label: "Encryption" },
  { key: null, label: "KMS key" },
  { key: "bucketKey", label: "Bucket Key" },
  { key: "versioning", label: "Versioning" },
  { key: null, label: "Replication" },
];

export function BucketTable({ buckets, sort, onSort, selected, onSelect, showAccount }: Props) {
  const shown = showAccount ? [columns[0]!, { key: null, label: "Account" }, ...columns.slice(1)] : columns;
  const allSelected = buckets.length > 0 && buckets.every((b) => selected.has(b.name));
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-left text-sm" aria-label="Buckets">
        <thead className="bg-slate-100 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="w-8 px-3 py-2">
              <input
                type="checkbox"
                aria-label="Select all shown buckets"
                checked={allSelected}
                onChange={(e) =>
                  onSelect(
                    buckets.map((b) => b.name),
                    e.target.checked,
                  )
                }
                className="size-4"
              />
            </th>
            {shown.map((c) => (
              <th
                key={c.label}
                scope="col"
                className="px-3 py-2 font-semibold"
                aria-sort={c.key && sort.key === c.key ? (sort.dir === "asc" ? "ascending" : "descending") : undefined}
              >
                {c.key ? (
                  <button
                    type="button"
                    onClick={() => onSort(c.key!)}
                    className="inline-flex items-center gap-1 uppercase hover:text-slate-900"
                  >
                    {c.label}
                    <span aria-hidden="true">{sort.key === c.key ? (sort.dir === "asc" ? "▲" : "▼") : "↕"}</span>
                  </button>
                ) : (
                  c.label
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {buckets.map((b) => (
            <tr key={b.name} className="hover:bg-slate-50" data-testid={`bucket-row-${b.name}`}>
              <td className="px-3 py-2">
                <input
                  type="checkbox"
                  aria-label={`Select ${b.name}`}
                  checked={selected.has(b.name)}
                  onChange={(e) => onSelect([b.name], e.target.checked)}
                  className="size-4"
                />
              </td>
              <td className="px-3 py-2">
                <Link href={bucketHref(b.name, b.account)} className="font-medium text-brand-700 hover:underline">
                  {b.name}
                </Link>
                <div className="mt-0.5 flex items-center gap-2">
                  {b.candidate && (
                    <>
                      <Badge tone="warn">Candidate</Badge>
                      <Link
                        href={wizardHref([b.name], b.account)}
                        className="text-xs font-medium text-brand-700 hover:underline"
                      >
                        Enable Bucket Key
                      </Link>
                    </>
                  )}
                  {b.error && (
                    <span title={b.error.message}>
                      <Badge tone="bad">
                        {b.error.code === "access_denied" ? "Access denied" : "Partly unreadable"}
                      </Badge>
                    </span>
                  )}
                </div>
                <KeyProblem encryption={b.encryption} className="mt-1 max-w-md" />
              </td>
              {showAccount && <td className="px-3 py-2 font-mono text-xs">{b.account}</td>}
              <td className="px-3 py-2 font-mono text-xs">{b.region ?? "—"}</td>
              <td className="px-3 py-2">
                <EncryptionTypeBadge encryption={b.encryption} />
              </td>
              <td className="px-3 py-2">
                <KeyLabel encryption={b.encryption} />
              </td>
              <td className="px-3 py-2">
                <BucketKeyBadge encryption={b.encryption} />
              </td>
              <td className="px-3 py-2 text-xs">{b.versioning ?? "—"}</td>
              <td className="px-3 py-2 text-xs">
                {b.replication ? (
                  `→ ${b.replication.destinations.join(", ")}`
                ) : (
                  <span className="text-slate-500">None</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
