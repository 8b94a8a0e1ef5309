"use client";
import { useState, type FormEvent } from "react";
import type { UsageSourceSettings, UsageSourceStatus } from "@/lib/contracts/usage-source";
import { useAccounts } from "@/lib/client/use-accounts";
import { useHealth } from "@/lib/client/use-health";
import { useSaveUsageSource } from "@/lib/client/use-save-usage-source";
import { useUsageSource } from "@/lib/client/use-usage-source";
import { useAccountScope } from "@/lib/client/account-scope";
import type { Accounts } from "@/lib/contracts/accounts";
import { Button } from "@/components/ui/button";
import { QueryState } from "@/components/ui/query-state";
import { AthenaTableStep } from "./athena-table-step";

type UsageSettingsSource = UsageSourceSettings["source"];

const sourceLabels: Record<UsageSettingsSource, string> = {
  automatic: "Automatic: log files when a trail delivers to S3, else the event history",
  "lookup-events": "Event history (LookupEvents)",
  "log-files": "Trail log files, downloaded once each",
  athena: "Athena: query the logs where they are",
};

type AthenaDraft = Record<
  "workgroup" | "outputLocation" | "database" | "table" | "scanPricePerTb" | "windowDays",
  string
>;

const toDraft = (a: UsageSourceSettings["athena"]): AthenaDraft => ({
  ...a,
  scanPricePerTb: String(a.scanPricePerTb),
  windowDays: String(a.windowDays),
});

const input = "w-full rounded border border-slate-300 px-2 py-1";

const athenaFields: { key: keyof AthenaDraft; label: string; hint: string; numeric?: boolean }[] = [
  { key: "workgroup", label: "Workgroup", hint: "Athena workgroup the queries run in." },
  {
    key: "outputLocation",
    label: "Results location",
    hint: "s3://bucket/prefix/ for query results; empty if the workgroup sets one.",
  },
  { key: "database", label: "Database", hint: "Glue database for the table (created if missing)." },
  { key: "table", label: "Table", hint: "Lower-case letters, digits and underscores." },
  { key: "scanPricePerTb", label: "USD per TiB scanned", hint: "Athena lists USD 5 in most regions.", numeric: true },
  {
    key: "windowDays",
    label: "First refresh (days)",
    hint: "Later refreshes start a day before the last one ended.",
    numeric: true,
  },
];

function Form({ status, account }: { status: UsageSourceStatus; account: string }) {
  const [source, setSource] = useState<UsageSettingsSource>(status.settings.source);
  const [athena, setAthena] = useState(() => toDraft(status.settings.athena));
  const save = useSaveUsageSource(account);
  const readOnly = useHealth().data?.readOnly ?? false;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // Numbers are sent as typed; the server's schema validates and its message is shown as written.
    save.mutate({
      source,
      athena: { ...athena, scanPricePerTb: Number(athena.scanPricePerTb), windowDays: Number(athena.windowDays) },
    });
  };
  const { recommendation } = status;
  return (
    <div className="space-y-5">
      <form onSubmit={submit} noValidate className="space-y-4" aria-label="Usage source settings">
        <p
          className="rounded border border-sky-200 bg-sky-50 p-2 text-sky-900"
          data-testid="usage-source-recommendation"
        >
          Recommended: <strong>{sourceLabels[recommendation.source]}</strong>. {recommendation.reason}
        </p>
        <fieldset className="space-y-1">
          <legend className="font-medium">Where this account&rsquo;s KMS usage comes from</legend>
          {(Object.keys(sourceLabels) as UsageSettingsSource[]).map((s) => (
            <label key={s} className="flex items-center gap-2">
              <input
                type="radio"
                name="usage-source"
                value={s}
                checked={source === s}
                onChange={() => {
                  save.reset();
                  setSource(s);
                }}
              />
              {sourceLabels[s]}
            </label>
          ))}
        </fieldset>
        {source === "athena" && (
          <div className="grid gap-3 sm:grid-cols-2">
            {athenaFields.map((f) => (
              <label key={f.key} className="block">
                <span className="block font-medium">{f.label}</span>
                <input
                  className={input}
                  type={f.numeric ? "number" : "text"}
                  step="any"
                  value={athena[f.key]}
                  onChange={(e) => {
                    save.reset();
                    setAthena({ ...athena, [f.key]: e.target.value });
                  }}
                />
                <span className="block text-xs text-slate-500">{f.hint}</span>
              </label>
            ))}
          </div>
        )}
        <div className="flex items-center gap-3">
          <Button type="submit" variant="primary" disabled={save.isPending || readOnly}>
            {save.isPending ? "Applying…" : "Apply usage source"}
          </Button>
          {save.isSuccess && (
            <span role="status" className="text-emerald-800">
              Applied: the next ingestion reads this source.
            </span>
          )}
        </div>
        {save.isError && (
          <p role="alert" className="rounded border border-red-200 bg-red-50 p-2 text-red-900">
            {save.error.message}
          </p>
        )}
      </form>
      {status.settings.source === "athena" && (
        <AthenaTableStep key={status.table.sql?.join() ?? ""} status={status} account={account} readOnly={readOnly} />
      )}
    </div>
  );
}

function AccountUsageSource({ account }: { account: string }) {
  const status = useUsageSource(account);
  return (
    <QueryState
      query={status}
      loading="Loading the usage source"
      rows={3}
      errorTitle="The usage source could not be loaded."
    >
      {(data) => <Form key={account} status={data} account={account} />}
    </QueryState>
  );
}

/** Per account: which source feeds the usage store, with a recommendation from the trail's size, and the Athena table step. */
export function UsageSourceForm() {
  const accounts = useAccounts();
  return (
    <QueryState query={accounts} loading="Loading the accounts" rows={2} errorTitle="The accounts could not be loaded.">
      {(data) => <UsageSourceSettingsPerAccount list={data.accounts} />}
    </QueryState>
  );
}

function UsageSourceSettingsPerAccount({ list }: { list: Accounts["accounts"] }) {
  const scope = useAccountScope();
  const [chosen, setChosen] = useState<string | null>(null);
  // Starts on the header's account; "all accounts" starts on the console's own.
  const account = chosen ?? (scope && scope !== "all" ? scope : list[0]?.id);
  return (
    <section
      className="mt-6 max-w-3xl space-y-4 rounded-lg border border-slate-200 bg-white p-5 text-sm"
      aria-label="Usage source"
    >
      <h2 className="font-semibold">Usage source</h2>
      {list.length > 1 && (
        <label className="block">
          <span className="block font-medium">Settings for account</span>
          <select
            className="rounded border border-slate-300 px-2 py-1"
            value={account}
            onChange={(e) => setChosen(e.target.value)}
          >
            {list.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} ({a.id})
              </option>
            ))}
          </select>
        </label>
      )}
      {account && <AccountUsageSource account={account} />}
    </section>
  );
}
