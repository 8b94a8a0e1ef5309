"use client";
import type { ConfigLoad, InventorySourceStatus } from "@/lib/contracts/config-source";
import { useConfigPass } from "@/lib/client/use-inventory-source-actions";
import { Button } from "@/components/ui/button";

const when = (t: string | null) => (t ? new Date(t).toLocaleString() : "—");

function Pass({ title, load }: { title: string; load: ConfigLoad | null }) {
  if (!load) return <p className="text-slate-500">{title}: none yet.</p>;
  const share = load.total ? Math.min(1, load.done / load.total) : null;
  return (
    <div data-testid={`config-pass-${load.kind}`} data-state={load.state}>
      <p>
        <span className="font-medium">{title}</span>: {load.state}, {load.done.toLocaleString("en-US")}
        {load.total !== null && ` of ${load.total.toLocaleString("en-US")}`} items, {load.removed} removed,{" "}
        {load.queries} queries; started {when(load.startedAt)}
        {load.finishedAt && `, ended ${when(load.finishedAt)}`}.
      </p>
      {load.state === "running" && share !== null && (
        <progress className="w-full" value={share} max={1} aria-label={`${title} progress`} />
      )}
      {load.message && (
        <p
          role={load.state === "failed" ? "alert" : undefined}
          className={load.state === "failed" ? "text-red-900" : ""}
        >
          {load.message}
        </p>
      )}
    </div>
  );
}

/** The full load and incremental passes from the aggregator, with run and cancel. */
export function ConfigPasses({ status }: { status: InventorySourceStatus }) {
  const pass = useConfigPass();
  const running = status.lastFull?.state === "running" || status.lastIncremental?.state === "running";
  return (
    <div className="space-y-2 border-t border-slate-200 pt-3">
      <Pass title="Full load" load={status.lastFull} />
      <Pass title="Incremental pass" load={status.lastIncremental} />
      <p className="text-xs text-slate-500">
        Captured until {when(status.capturedUntil)}; next incremental pass {when(status.nextIncrementalAt)}.
      </p>
      <div className="flex gap-2">
        <Button type="button" disabled={running || pass.isPending} onClick={() => pass.mutate("incremental")}>
          Run incremental pass
        </Button>
        <Button type="button" disabled={running || pass.isPending} onClick={() => pass.mutate("full")}>
          Run full load
        </Button>
        {running && (
          <Button type="button" onClick={() => pass.mutate(null)}>
            Cancel
          </Button>
        )}
      </div>
      {pass.isError && (
        <p role="alert" className="text-red-900">
          {pass.error.message}
        </p>
      )}
    </div>
  );
}
