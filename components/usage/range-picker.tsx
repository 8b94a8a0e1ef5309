"use client";
import { useState } from "react";

// 7/30/60/90 days up to now, or custom whole UTC days. Ranges end on the next full hour so
// a query key stays stable within the hour.

export type RangeChoice = { days: 7 | 30 | 60 | 90 } | { days: "custom"; from: string; to: string };

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
const presets = [7, 30, 60, 90] as const;

export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function rangeOf(choice: RangeChoice, now = Date.now()): { from: string; to: string } {
  if (choice.days === "custom") {
    return {
      from: `${choice.from}T00:00:00.000Z`,
      to: new Date(Date.parse(`${choice.to}T00:00:00Z`) + dayMs).toISOString(),
    };
  }
  const to = Math.ceil(now / hourMs) * hourMs;
  return { from: new Date(to - choice.days * dayMs).toISOString(), to: new Date(to).toISOString() };
}

const pressed = "border-brand-600 bg-brand-600 text-white";
const unpressed = "border-slate-300 bg-white hover:bg-slate-50";

export function RangePicker({
  value,
  onChange,
  label = "Range",
}: {
  value: RangeChoice;
  onChange: (c: RangeChoice) => void;
  label?: string;
}) {
  const [today] = useState(() => isoDay(Date.now()));
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" role="group" aria-label={label}>
      {presets.map((d) => (
        <button
          key={d}
          type="button"
          aria-pressed={value.days === d}
          onClick={() => onChange({ days: d })}
          className={`rounded border px-2 py-1 ${value.days === d ? pressed : unpressed}`}
        >
          {d} days
        </button>
      ))}
      <button
        type="button"
        aria-pressed={value.days === "custom"}
        onClick={() => onChange({ days: "custom", from: isoDay(Date.now() - 14 * dayMs), to: today })}
        className={`rounded border px-2 py-1 ${value.days === "custom" ? pressed : unpressed}`}
      >
        Custom
      </button>
      {value.days === "custom" && (
        <>
          <label className="flex items-center gap-1">
            From
            <input
              type="date"
              value={value.from}
              max={value.to}
              onChange={(e) => e.target.value && onChange({ ...value, from: e.target.value })}
              className="rounded border border-slate-300 px-1 py-0.5"
            />
          </label>
          <label className="flex items-center gap-1">
            To
            <input
              type="date"
              value={value.to}
              min={value.from}
              max={today}
              onChange={(e) => e.target.value && onChange({ ...value, to: e.target.value })}
              className="rounded border border-slate-300 px-1 py-0.5"
            />
          </label>
        </>
      )}
    </div>
  );
}
