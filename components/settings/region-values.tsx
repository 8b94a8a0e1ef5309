"use client";
import { Button } from "@/components/ui/button";

// A list of per-region figures (prices, quotas) edited as rows of region + value: one component
// so both lists behave alike (add, edit, remove with a named button, values sent as typed).

export type RegionValue = { region: string; value: string };

const input = "w-40 rounded border border-slate-300 px-2 py-1 tabular-nums";

export function RegionValues({
  legend,
  note,
  emptyText,
  valueLabel,
  what,
  rows,
  newValue,
  onChange,
}: {
  legend: string;
  note?: string;
  emptyText: string;
  valueLabel: string;
  /** "price", "quota": names the remove button and the add button. */
  what: string;
  rows: RegionValue[];
  newValue: string;
  onChange: (rows: RegionValue[]) => void;
}) {
  const edit = (i: number, patch: Partial<RegionValue>) =>
    onChange(rows.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <fieldset className="space-y-2">
      <legend className="font-medium">{legend}</legend>
      {note && <p className="text-xs text-slate-500">{note}</p>}
      {rows.length === 0 && <p className="text-xs text-slate-500">{emptyText}</p>}
      {rows.map((r, i) => (
        <div key={i} className="flex flex-wrap items-end gap-2">
          <label>
            <span className="block text-xs">Region</span>
            <input
              className={input}
              value={r.region}
              placeholder="eu-west-1"
              onChange={(e) => edit(i, { region: e.target.value })}
            />
          </label>
          <label>
            <span className="block text-xs">{valueLabel}</span>
            <input
              className={input}
              type="number"
              step="any"
              min="0"
              value={r.value}
              onChange={(e) => edit(i, { value: e.target.value })}
            />
          </label>
          <Button
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
            aria-label={`Remove the ${what} for ${r.region || "this region"}`}
          >
            Remove
          </Button>
        </div>
      ))}
      <Button size="sm" onClick={() => onChange([...rows, { region: "", value: newValue }])}>
        Add a regional {what}
      </Button>
    </fieldset>
  );
}

export const toRegionValues = (record: Record<string, number>): RegionValue[] =>
  Object.entries(record).map(([region, value]) => ({ region, value: String(value) }));

export const fromRegionValues = (rows: RegionValue[]): Record<string, number> =>
  Object.fromEntries(rows.filter((r) => r.region.trim()).map((r) => [r.region.trim(), Number(r.value)]));
