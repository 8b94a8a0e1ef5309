"use client";
import { useState } from "react";
import type { TrailWarning } from "@/lib/contracts/usage";
import { Button } from "@/components/ui/button";

/** One blind spot: what the trail misses and the command that fixes it, with a copy button. */
function WarningItem({ warning }: { warning: TrailWarning }) {
  const [copied, setCopied] = useState(false);
  const copy = () =>
    navigator.clipboard.writeText(warning.command ?? "").then(
      () => setCopied(true),
      () => setCopied(false),
    );
  return (
    <li className="space-y-1" data-testid={`trail-warning-${warning.code}`}>
      <p>{warning.message}</p>
      {warning.command && (
        <div className="flex items-start gap-2">
          <pre
            className="min-w-0 flex-1 overflow-x-auto rounded bg-slate-900 p-2 text-xs text-slate-100"
            tabIndex={0}
            aria-label={`Command that fixes trail ${warning.trail}`}
          >
            {warning.command}
          </pre>
          <Button size="sm" onClick={copy}>
            {copied ? "Copied" : "Copy"}
          </Button>
        </div>
      )}
    </li>
  );
}

/** Trails that do not record all of S3's KMS calls: the usage shown is low where they apply. */
export function TrailWarnings({ warnings }: { warnings: TrailWarning[] }) {
  if (warnings.length === 0) return null;
  return (
    <section
      className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950"
      aria-label="CloudTrail blind spots"
      data-testid="trail-warnings"
    >
      <h3 className="mb-1 font-semibold">
        {warnings.length === 1 ? "A trail misses" : `${warnings.length} gaps: trails miss`} some of S3&rsquo;s KMS calls
        — usage and savings read low where they apply
      </h3>
      <ul className="space-y-3">
        {warnings.map((w) => (
          <WarningItem key={`${w.trail}:${w.code}`} warning={w} />
        ))}
      </ul>
    </section>
  );
}
