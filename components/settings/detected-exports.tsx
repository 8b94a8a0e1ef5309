"use client";
import type { DetectedExport } from "@/lib/contracts/bill";
import { useDetectedExports } from "@/lib/client/use-detected-exports";
import { Button } from "@/components/ui/button";

// The exports the account's billing APIs list (Data Exports, legacy CUR reports), each readable one
// with a button that fills the bill source form; what the console cannot read says why. An API the
// console may not call is named with its message (the IAM action) and the form stays for manual entry.

const apiName = { "data-exports": "Data Exports", "legacy-cur": "Cost and Usage Reports (legacy)" } as const;

export function DetectedExports({ onUse }: { onUse: (e: DetectedExport) => void }) {
  const detected = useDetectedExports();
  if (detected.isPending) return <p className="text-sm text-slate-500">Looking for the account&apos;s Data Exports…</p>;
  if (detected.isError)
    return (
      <p role="status" className="text-sm text-amber-800" data-testid="detected-exports-problem">
        Exports could not be listed: {detected.error.message} Enter the location by hand below.
      </p>
    );
  const { exports, problems } = detected.data;
  return (
    <div className="space-y-2 text-sm" data-testid="detected-exports">
      {problems.map((p) => (
        <p key={p.api} role="status" className="text-amber-800" data-testid="detected-exports-problem">
          {apiName[p.api]}: {p.message} Enter the location by hand below.
        </p>
      ))}
      {exports.length === 0 && problems.length === 0 && (
        <p className="text-slate-600">No export found in this account: enter its location below.</p>
      )}
      {exports.length > 0 && (
        <ul className="divide-y divide-slate-100 rounded border border-slate-200">
          {exports.map((e) => (
            <li key={`${e.kind}:${e.name}`} className="flex items-start justify-between gap-3 px-3 py-2">
              <div>
                <span className="font-medium">{e.name}</span>{" "}
                <span className="text-slate-500">
                  ({e.kind === "data-export" ? "Data Export" : "legacy CUR"}, {e.format || "format unknown"})
                </span>
                <div className="font-mono text-xs text-slate-600">
                  s3://{e.bucket}/{e.prefix ? `${e.prefix}/` : ""}
                  {e.region ? ` · ${e.region}` : ""}
                </div>
                {e.unreadable && <div className="text-xs text-amber-800">{e.unreadable}</div>}
                {!e.unreadable && e.resourceIds === false && (
                  <div className="text-xs text-amber-800">
                    Without resource ids: its KMS lines name no key, so the bill cannot be set beside each key.
                  </div>
                )}
              </div>
              {!e.unreadable && (
                <Button type="button" onClick={() => onUse(e)} aria-label={`Use export ${e.name}`}>
                  Use
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
