"use client";
import { useState } from "react";
import type { UsageSourceStatus } from "@/lib/contracts/usage-source";
import { useCreateAthenaTable } from "@/lib/client/use-create-athena-table";
import { Button } from "@/components/ui/button";

const mib = (bytes: number) => `${(bytes / 1024 ** 2).toLocaleString("en-US", { maximumFractionDigits: 1 })} MiB`;

/**
 * The Athena table: its SQL in full, and a create button that needs the user to say they
 * reviewed it. The server runs only those statements, and refuses if they changed meanwhile.
 */
export function AthenaTableStep({
  status,
  account,
  readOnly,
}: {
  status: UsageSourceStatus;
  account: string;
  readOnly: boolean;
}) {
  const [reviewed, setReviewed] = useState(false);
  const create = useCreateAthenaTable(account);
  const { sql, createdAt } = status.table;
  return (
    <section className="space-y-3" aria-label="Athena table">
      <h3 className="font-medium">Athena table</h3>
      {!sql && (
        <p className="text-slate-600">
          No trail delivers this account&rsquo;s logs to S3, so there is nothing for Athena to read.
        </p>
      )}
      {sql && createdAt && (
        <p className="text-emerald-800">
          Created {new Date(createdAt).toLocaleString()}. Each usage refresh runs one query over it.
        </p>
      )}
      {sql && !createdAt && (
        <>
          <p className="text-slate-600">
            The console will run these statements in Athena (workgroup {status.settings.athena.workgroup}). Nothing is
            created until you confirm.
          </p>
          {/* Scrolls: focusable so keyboard users can scroll it too. */}
          <pre
            tabIndex={0}
            aria-label="SQL to review"
            className="max-h-80 overflow-auto rounded border border-slate-200 bg-slate-50 p-3 text-xs"
            data-testid="athena-table-sql"
          >
            {sql.join(";\n\n")};
          </pre>
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={reviewed} onChange={(e) => setReviewed(e.target.checked)} />I have reviewed
            this SQL.
          </label>
          <Button
            variant="primary"
            disabled={!reviewed || create.isPending || readOnly}
            onClick={() => create.mutate(sql)}
          >
            {create.isPending ? "Creating…" : "Create the table"}
          </Button>
          {create.isError && (
            <p role="alert" className="rounded border border-red-200 bg-red-50 p-2 text-red-900">
              {create.error.message}
            </p>
          )}
        </>
      )}
      {status.queries.length > 0 && (
        <table className="w-full text-left text-xs">
          <caption className="text-left font-medium">Recent Athena queries</caption>
          <thead>
            <tr className="text-slate-500">
              <th className="py-1">Finished</th>
              <th>Purpose</th>
              <th>State</th>
              <th className="text-right">Scanned</th>
              <th className="text-right">Cost (USD)</th>
              <th>Query id</th>
            </tr>
          </thead>
          <tbody>
            {status.queries.map((q) => (
              <tr key={q.queryId} className="border-t border-slate-100 align-top">
                <td className="py-1">{new Date(q.finishedAt).toLocaleString()}</td>
                <td>
                  {q.purpose === "refresh"
                    ? `usage refresh (${q.requests.toLocaleString("en-US")} requests)`
                    : "create table"}
                </td>
                <td>
                  {q.state}
                  {q.reason && <span className="block text-red-800">{q.reason}</span>}
                </td>
                <td className="text-right tabular-nums">{mib(q.dataScannedBytes)}</td>
                <td className="text-right tabular-nums">{q.costUsd.toFixed(4)}</td>
                <td className="font-mono">{q.queryId}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
