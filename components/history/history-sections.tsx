"use client";
import { useSearchParams } from "next/navigation";
import { useState, type ReactNode } from "react";
import { HistoryView } from "./history-view";
import { OutsideChanges } from "./outside-changes";

// History as the whole story of a bucket: the console's own changes (with rollback) and those made
// outside it (from CloudTrail), filtered by who made them and by bucket; the filters live in the URL.

const origins = { all: "All changes", console: "Made with this console", outside: "Made outside this console" };
type Origin = keyof typeof origins;
const isOrigin = (v: string | null): v is Origin => v !== null && v in origins;

export function HistorySections() {
  const params = useSearchParams();
  const [origin, setOrigin] = useState<Origin>(() =>
    isOrigin(params.get("origin")) ? (params.get("origin") as Origin) : "all",
  );
  const [bucket, setBucket] = useState(() => params.get("bucket") ?? "");
  const show = (next: { origin?: Origin; bucket?: string }) => {
    const o = next.origin ?? origin;
    const b = next.bucket ?? bucket;
    setOrigin(o);
    setBucket(b);
    const qs = new URLSearchParams({ ...(o !== "all" && { origin: o }), ...(b && { bucket: b }) }).toString();
    window.history.replaceState(null, "", qs ? `?${qs}` : window.location.pathname);
  };
  return (
    <div className="space-y-6">
      <form
        role="search"
        aria-label="Filter history"
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => e.preventDefault()}
      >
        {/* A label of its own: wrapped around the select, the options' text would join its name. */}
        <div className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          <label htmlFor="history-origin">Made</label>
          <select
            id="history-origin"
            value={origin}
            onChange={(e) => show({ origin: e.target.value as Origin })}
            className="rounded border border-slate-300 bg-white px-2 py-1.5 text-sm font-normal text-slate-900"
          >
            {Object.entries(origins).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          Bucket
          <input
            type="search"
            value={bucket}
            onChange={(e) => show({ bucket: e.target.value })}
            placeholder="Bucket name"
            className="w-64 rounded border border-slate-300 bg-white px-2 py-1.5 text-sm font-normal text-slate-900"
          />
        </label>
      </form>
      {origin !== "outside" && (
        <Section id="console-changes" title="Made with this console">
          <HistoryView bucket={bucket} />
        </Section>
      )}
      {origin !== "console" && (
        <Section id="outside-changes" title="Made outside this console">
          <OutsideChanges bucket={bucket} />
        </Section>
      )}
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h2 id={id} className="font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}
