"use client";
import { useState, type FormEvent } from "react";
import type { PricingSettingsBody } from "@/lib/contracts/usage";
import { useHealth } from "@/lib/client/use-health";
import { usePricing } from "@/lib/client/use-pricing";
import { useSavePricing } from "@/lib/client/use-save-pricing";
import { Button } from "@/components/ui/button";
import { QueryState } from "@/components/ui/query-state";
import { defaultKmsQuota, kmsQuotaByRegion, kmsQuotaSource } from "@/lib/contracts/kms-quotas";
import { fromRegionValues, RegionValues, toRegionValues, type RegionValue } from "./region-values";

type Draft = {
  pricePer10k: string;
  freeTierRequests: string;
  refreshWindowMinutes: string;
  regions: RegionValue[];
  quotas: RegionValue[];
};

const quotaDefaults = `${Object.entries(kmsQuotaByRegion)
  .map(([r, q]) => `${r} ${q.toLocaleString("en-US")}`)
  .join(", ")}; ${defaultKmsQuota.toLocaleString("en-US")} elsewhere`;

const toDraft = (p: PricingSettingsBody): Draft => ({
  pricePer10k: String(p.pricePer10k),
  freeTierRequests: String(p.freeTierRequests),
  refreshWindowMinutes: String(p.refreshWindowMinutes),
  regions: toRegionValues(p.regionPrices),
  quotas: toRegionValues(p.kmsQuotas),
});

// Numbers are sent as typed; the server's zod schema is the one place that validates them,
// and its message is shown as written.
const fromDraft = (d: Draft): PricingSettingsBody => ({
  pricePer10k: Number(d.pricePer10k),
  freeTierRequests: Number(d.freeTierRequests),
  refreshWindowMinutes: Number(d.refreshWindowMinutes),
  regionPrices: fromRegionValues(d.regions),
  kmsQuotas: fromRegionValues(d.quotas),
});

const input = "w-40 rounded border border-slate-300 px-2 py-1 tabular-nums";

function Form({ initial }: { initial: PricingSettingsBody }) {
  const [draft, setDraft] = useState(() => toDraft(initial));
  const save = useSavePricing();
  const readOnly = useHealth().data?.readOnly ?? false;
  const set = (patch: Partial<Draft>) => {
    save.reset();
    setDraft({ ...draft, ...patch });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(fromDraft(draft), { onSuccess: (saved) => setDraft(toDraft(saved)) });
  };
  return (
    <form
      onSubmit={submit}
      noValidate
      className="max-w-3xl space-y-5 rounded-lg border border-slate-200 bg-white p-5 text-sm"
      aria-label="KMS pricing"
    >
      <h2 className="font-semibold">KMS pricing and the savings model</h2>
      <div className="grid gap-4 sm:grid-cols-2">
        <label className="block">
          <span className="block font-medium">Price per 10,000 requests (USD)</span>
          <input
            className={input}
            type="number"
            step="any"
            min="0"
            inputMode="decimal"
            value={draft.pricePer10k}
            onChange={(e) => set({ pricePer10k: e.target.value })}
          />
          <span className="block text-xs text-slate-500">AWS lists USD 0.03 in most regions.</span>
        </label>
        <label className="block">
          <span className="block font-medium">Free requests per month (account)</span>
          <input
            className={input}
            type="number"
            step="1"
            min="0"
            value={draft.freeTierRequests}
            onChange={(e) => set({ freeTierRequests: e.target.value })}
          />
          <span className="block text-xs text-slate-500">20,000 on AWS; 0 if other workloads use it up.</span>
        </label>
        <label className="block">
          <span className="block font-medium">Bucket Key refresh window (minutes)</span>
          <input
            className={input}
            type="number"
            step="1"
            min="1"
            value={draft.refreshWindowMinutes}
            onChange={(e) => set({ refreshWindowMinutes: e.target.value })}
          />
          <span className="block text-xs text-slate-500">
            How often each requesting principal is assumed to ask KMS again with a Bucket Key. Shorter = more
            conservative projections.
          </span>
        </label>
      </div>
      <RegionValues
        legend="Regional prices"
        emptyText="None: every region uses the price above."
        valueLabel="USD per 10,000"
        what="price"
        rows={draft.regions}
        newValue={draft.pricePer10k}
        onChange={(regions) => set({ regions })}
      />
      <RegionValues
        legend="KMS request-rate quotas (requests per second)"
        note={
          "Symmetric cryptographic operations share one quota per account and region. Defaults from the " +
          `${kmsQuotaSource.title} (read ${kmsQuotaSource.checked}): ${quotaDefaults}. ` +
          "Set a region's figure here if Service Quotas shows a raised one."
        }
        emptyText="None: every region uses the guide's figure."
        valueLabel="Requests per second"
        what="quota"
        rows={draft.quotas}
        newValue={String(defaultKmsQuota)}
        onChange={(quotas) => set({ quotas })}
      />
      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" disabled={save.isPending || readOnly}>
          {save.isPending ? "Saving…" : "Save"}
        </Button>
        {readOnly && <span className="text-xs text-slate-500">Read-only mode: settings cannot be changed.</span>}
        {save.isSuccess && (
          <span role="status" className="text-emerald-800">
            Saved. Costs and savings now use these figures.
          </span>
        )}
      </div>
      {save.isError && (
        <p role="alert" className="rounded border border-red-200 bg-red-50 p-2 text-red-900">
          {save.error.message}
        </p>
      )}
    </form>
  );
}

export function PricingForm() {
  const pricing = usePricing();
  return (
    <QueryState query={pricing} loading="Loading the settings" rows={4} errorTitle="The settings could not be loaded.">
      {(data) => <Form initial={data} />}
    </QueryState>
  );
}
