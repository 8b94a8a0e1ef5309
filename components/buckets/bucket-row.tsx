"use client";
import { IntentLink } from "@/components/ui/intent-link";
import { memo } from "react";
import type { BucketPosture } from "@/lib/contracts/inventory";
import { unverifiedChangeCode } from "@/lib/contracts/write-status";
import { Badge } from "@/components/ui/badge";
import { BucketKeyBadge, EncryptionTypeBadge } from "./encryption-badges";
import { KeyLabel, KeyProblem } from "./key-label";
import { ConfigSource } from "./config-source";
import { RoleNeededRowAction } from "./role-needed";
import { bucketHref, wizardHref } from "@/lib/contracts/hrefs";

/** Every row is about this tall; the table measures each one it renders. */
export const rowHeight = 57;

type Props = {
  bucket: BucketPosture;
  index: number;
  measure: (el: HTMLTableRowElement | null) => void;
  selected: boolean;
  onSelect: (selected: boolean) => void;
  showAccount: boolean;
  /** The bucket's account is known only from AWS Config: no change action here. */
  roleNeeded: boolean;
};

/** One row of the bucket table; `data-col` marks what ↑/↓ move between. */
export const BucketRow = memo(function BucketRow({
  bucket: b,
  index,
  measure,
  selected,
  onSelect,
  showAccount,
  roleNeeded,
}: Props) {
  const notScanned = b.readAt === null;
  return (
    <tr
      ref={measure}
      data-index={index}
      aria-rowindex={index + 2}
      className="hover:bg-slate-50"
      data-testid={`bucket-row-${b.name}`}
      data-not-scanned={notScanned || undefined}
    >
      <td className="px-3 py-2">
        <input
          type="checkbox"
          data-col="select"
          aria-label={`Select ${b.name}`}
          checked={selected}
          onChange={(e) => onSelect(e.target.checked)}
          className="size-4"
        />
      </td>
      <td className="truncate px-3 py-2">
        <IntentLink
          href={bucketHref(b.name, b.account)}
          data-col="name"
          className="font-medium text-brand-700 hover:underline"
          title={b.name}
        >
          {b.name}
        </IntentLink>
        <div className="mt-0.5 flex h-5 items-center gap-2">
          {b.candidate && (
            <>
              <Badge tone="warn">Candidate</Badge>
              {roleNeeded ? (
                <RoleNeededRowAction label="Enable Bucket Key" account={b.account} />
              ) : (
                <IntentLink
                  href={wizardHref([b.name], b.account)}
                  className="text-xs font-medium text-brand-700 hover:underline"
                >
                  Enable Bucket Key
                </IntentLink>
              )}
            </>
          )}
          {b.error && (
            <span title={b.error.message}>
              {b.error.code === unverifiedChangeCode ? (
                <Badge tone="warn">Change not verified</Badge>
              ) : (
                <Badge tone="bad">{b.error.code === "access_denied" ? "Access denied" : "Partly unreadable"}</Badge>
              )}
            </span>
          )}
          {b.source && <ConfigSource source={b.source} />}
        </div>
        <KeyProblem encryption={b.encryption} className="mt-1 whitespace-normal" />
      </td>
      {showAccount && <td className="px-3 py-2 font-mono text-xs">{b.account}</td>}
      <td className="px-3 py-2 font-mono text-xs">{b.region ?? "—"}</td>
      {notScanned ? (
        <td colSpan={5} className="px-3 py-2 text-xs text-slate-600">
          <Badge tone="neutral">Not scanned yet</Badge>{" "}
          <span className="ml-1">Listed, not read yet: the scan reads it shortly.</span>
        </td>
      ) : (
        <>
          <td className="px-3 py-2">
            <EncryptionTypeBadge encryption={b.encryption} />
          </td>
          <td className="truncate px-3 py-2">
            <KeyLabel encryption={b.encryption} />
          </td>
          <td className="px-3 py-2">
            <BucketKeyBadge encryption={b.encryption} />
          </td>
          <td className="px-3 py-2 text-xs">{b.versioning ?? "—"}</td>
          <td className="truncate px-3 py-2 text-xs">
            {b.source && !b.replication ? (
              <span className="text-slate-500">Not known from Config</span>
            ) : b.replication ? (
              `→ ${b.replication.destinations.join(", ")}`
            ) : (
              <span className="text-slate-500">None</span>
            )}
          </td>
        </>
      )}
    </tr>
  );
});
