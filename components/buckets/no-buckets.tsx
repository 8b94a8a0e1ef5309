"use client";
import type { ReactNode } from "react";
import { useHealth } from "@/lib/client/use-health";
import { useInventoryScan } from "@/lib/client/use-inventory-scan";
import type { ScanProgress } from "@/lib/contracts/inventory";
import { EmptyState } from "@/components/ui/empty-state";
import { CredentialHelp } from "@/components/shell/credential-help";

// The inventory holds no bucket of this scope: why (no scan yet, no credentials, ListBuckets
// denied, AWS unreachable, or really none) and what to do. The scan state is polled while no scan
// has run, so this turns into the first scan's progress by itself once AWS can be reached.

const updates = "This page updates by itself once AWS answers.";

function explain(scan: ScanProgress, several: boolean, help: ReactNode): { title: string; body: ReactNode } {
  if (scan.state === "running")
    return {
      title: "Reading this scope's buckets for the first time…",
      body: "They appear here as they are listed; each shows as not scanned yet until it is read.",
    };
  if (scan.errorCode === "no_credentials")
    return {
      title: "No buckets yet: the console has no AWS credentials.",
      body: (
        <>
          {help}
          <p className="mt-3">{updates}</p>
        </>
      ),
    };
  if (scan.errorCode === "access_denied")
    return {
      title: "No buckets yet: AWS refused to list them.",
      body: `${scan.message} The policies in docs/iam/ grant every action the console needs; then press Rescan.`,
    };
  if (scan.message && (scan.state === "never" || scan.state === "failed"))
    return { title: "No buckets yet: the inventory could not be read.", body: `${scan.message} ${updates}` };
  if (scan.state === "never")
    return { title: "Not scanned yet.", body: "The first scan of this scope starts within a minute, by itself." };
  if (scan.state === "cancelled")
    return { title: "The first scan was cancelled before it listed a bucket.", body: "Press Rescan to read them." };
  return {
    title: several ? "These accounts have no buckets." : "This account has no buckets.",
    body: "Buckets appear here after the next scan, or as soon as CloudTrail reports them.",
  };
}

export function NoBuckets({ accounts }: { accounts: number }) {
  const scan = useInventoryScan().data?.scan;
  const credentials = useHealth().data?.error?.credentials;
  if (!scan) return null;
  const help = credentials ? <CredentialHelp help={credentials} /> : null;
  const { title, body } = explain(scan, accounts > 1, help);
  return (
    <div data-testid="no-buckets" data-reason={scan.errorCode ?? scan.state}>
      <EmptyState title={title}>{body}</EmptyState>
    </div>
  );
}
