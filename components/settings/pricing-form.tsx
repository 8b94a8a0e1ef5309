"use client";
import { useState, type FormEvent } from "react";
import type { PricingSettingsBody } from "@/lib/contracts/usage";
import { useHealth } from "@/lib/client/use-health";
import { usePricing } from "@/lib/client/use-pricing";
import { useSavePricing } from "@/lib/client/use-save-pricing";
import { Button } from "@/components/ui/button";
import { QueryState } from "@/components/ui/query-state";

type Draft = {
  pricePer10k: string;
  freeTierRequests: string;
  refreshWindowMinutes: string;
  regions: { region: string; price: string }[];
};

const toDraft = (p: PricingSettingsBody): Draft => ({
  pricePer10k: String(p.pricePer10k),
  freeTierRequests: String(p.freeTierRequests),
  refreshWindowMinutes: String(p.refreshWindowMinutes),
  regions: Object.entries(p.regionPrices).map(([region, price]) => ({ region, price: String(price) })),
});

// Numbers are sent as typed; the server's zod schema is the one place that validates them,
// and its message is shown as written.
const fromDraft = (d: Draft): PricingSettingsBody => ({
  pricePer10k: Number(d.pricePer10k),
  freeTierRequests: Number(d.freeTierRequests),
  refreshWindowMinutes: Number(d.refreshWindowMinutes),
  regionPrices: Object.fromEntries(
    d.regions.filter((r) => r.region.trim()).map((r) => [r.region.trim(), Number(r.price)]),
  ),
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
      <fieldset className="space-y-2">
        <legend className="font-medium">Regional prices</legend>
        {draft.regions.length === 0 && (
          <p className="text-xs text-slate-500">None: every region uses the price above.</p>
        )}
        {draft.regions.map((r, i) => (
          <div key={i} className="flex flex-wrap items-end gap-2">
            <label>
              <span className="block text-xs">Region</span>
              <input
                className={input}
                value={r.region}
                placeholder="eu-west-1"
                onChange={(e) =>
                  set({ regions: draft.regions.map((x, j) => (j === i ? { ...x, region: e.target.value } : x)) })
                }
              />
            </label>
            <label>
              <span className="block text-xs">USD per 10,000</span>
              <input
                className={input}
                type="number"
                step="any"
                min="0"
                value={r.price}
                onChange={(e) =>
                  set({ regions: draft.regions.map((x, j) => (j === i ? { ...x, price: e.target.value } : x)) })
                }
              />
            </label>
            <Button
              onClick={() => set({ regions: draft.regions.filter((_, j) => j !== i) })}
              aria-label={`Remove the price for ${r.region || "this region"}`}
            >
              Remove
            </Button>
          </div>
        ))}
        <Button
          size="sm"
          onClick={() => set({ regions: [...draft.regions, { region: "", price: draft.pricePer10k }] })}
        >
          Add a regional price
        </Button>
      </fieldset>
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
