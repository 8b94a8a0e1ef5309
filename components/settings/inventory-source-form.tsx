"use client";
import { useState, type FormEvent } from "react";
import type { InventorySourceStatus } from "@/lib/contracts/config-source";
import { useHealth } from "@/lib/client/use-health";
import { useInventorySource } from "@/lib/client/use-inventory-source";
import { useSaveInventorySource } from "@/lib/client/use-inventory-source-actions";
import { Button } from "@/components/ui/button";
import { QueryState } from "@/components/ui/query-state";
import { ConfigPasses } from "./config-passes";
import { GuardrailReview } from "./guardrail-review";
import { GuardrailApply } from "./guardrail-apply";

// Settings → Inventory source: direct (a role per account) or an AWS Config aggregator, with the
// recommendation from DescribeConfigurationAggregators, the passes, and the guardrail to review.

const input = "w-full rounded border border-slate-300 px-2 py-1";

function Form({ status }: { status: InventorySourceStatus }) {
  const s = status.settings;
  const [kind, setKind] = useState(s.kind);
  const [aggregator, setAggregator] = useState(s.kind === "config" ? s.aggregator : "");
  const [region, setRegion] = useState(s.kind === "config" ? s.region : "");
  const save = useSaveInventorySource();
  const readOnly = useHealth().data?.readOnly ?? false;
  const { recommendation } = status;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // Sent as typed: the server's schema checks the name and region, and its message is shown as written.
    save.mutate(kind === "direct" ? { kind } : { kind, aggregator, region });
  };
  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Inventory source settings">
      <div
        className="rounded border border-sky-200 bg-sky-50 p-2 text-sky-900"
        data-testid="inventory-source-recommendation"
      >
        <p>
          Recommended: <strong>{recommendation.kind === "config" ? "AWS Config aggregator" : "Direct (roles)"}</strong>.{" "}
          {recommendation.reason}
        </p>
        {recommendation.error && <p className="mt-1 text-red-900">{recommendation.error}</p>}
        {recommendation.aggregators.length > 0 && (
          <ul className="mt-1 space-y-1">
            {recommendation.aggregators.map((a) => (
              <li key={`${a.region}/${a.name}`} className="flex items-center gap-2">
                <span className="font-mono">{a.name}</span>
                <span>
                  ({a.region}; {a.scope === "organization" ? "whole Organization" : `accounts ${a.accounts.join(", ")}`}
                  ; {a.regions === null ? "all regions" : a.regions.join(", ")})
                </span>
                <Button
                  type="button"
                  onClick={() => {
                    save.reset();
                    setKind("config");
                    setAggregator(a.name);
                    setRegion(a.region);
                  }}
                >
                  Use
                </Button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <fieldset className="space-y-1">
        <legend className="font-medium">Where the inventory comes from</legend>
        <label className="flex items-center gap-2">
          <input type="radio" name="inventory-source" checked={kind === "direct"} onChange={() => setKind("direct")} />
          Direct (roles): each account read through its role, four S3 calls per bucket
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="inventory-source" checked={kind === "config"} onChange={() => setKind("config")} />
          AWS Config aggregator: every account&rsquo;s buckets from one query endpoint
        </label>
      </fieldset>
      {kind === "config" && (
        <div className="grid gap-3 sm:grid-cols-2">
          <label className="block">
            <span className="block font-medium">Aggregator name</span>
            <input className={input} value={aggregator} onChange={(e) => setAggregator(e.target.value)} />
          </label>
          <label className="block">
            <span className="block font-medium">Aggregator region</span>
            <input
              className={input}
              value={region}
              placeholder="us-east-1"
              onChange={(e) => setRegion(e.target.value)}
            />
            <span className="block text-xs text-slate-500">
              An aggregator answers only in the region it was created in.
            </span>
          </label>
        </div>
      )}
      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" disabled={save.isPending || readOnly}>
          {save.isPending ? "Applying…" : "Apply inventory source"}
        </Button>
        <span className="text-xs text-slate-500">
          {status.origin === "env"
            ? "Set by CONSOLE_CONFIG_AGGREGATOR."
            : status.origin === "saved"
              ? "Saved here."
              : ""}
        </span>
      </div>
      {save.isError && (
        <p role="alert" className="rounded border border-red-200 bg-red-50 p-2 text-red-900">
          {save.error.message}
        </p>
      )}
    </form>
  );
}

export function InventorySourceForm() {
  const status = useInventorySource();
  return (
    <section
      className="mt-6 max-w-3xl space-y-4 rounded-lg border border-slate-200 bg-white p-5 text-sm"
      aria-label="Inventory source"
    >
      <h2 className="font-semibold">Inventory source</h2>
      <QueryState
        query={status}
        loading="Loading the inventory source"
        rows={3}
        errorTitle="The inventory source could not be loaded."
      >
        {(data) => (
          <>
            <Form status={data} />
            {data.settings.kind === "config" && <ConfigPasses status={data} />}
            <GuardrailReview guardrail={data.guardrail} />
            {data.settings.kind === "config" && (
              <GuardrailApply
                ruleName={data.guardrail.ruleName}
                guard={data.guardrail.guard}
                defaultRegion={data.settings.region}
              />
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}
