"use client";
import type { BillSource } from "@/lib/contracts/bill";

// The bill source's Athena table, for exports too large for one machine: when set, "Read the bill" asks Athena for
// the KMS lines' daily sums instead of reading the export's files (the workgroup's scans are billed per TiB).

type Athena = NonNullable<BillSource["athena"]>;

const fresh: Athena = {
  region: "us-east-1",
  workgroup: "primary",
  outputLocation: "",
  database: "",
  table: "",
  scanPricePerTb: 5,
};

const fields: { name: keyof Athena; label: string; hint: string }[] = [
  { name: "database", label: "Athena database", hint: "Where the export's table is (its Glue database)" },
  { name: "table", label: "Athena table", hint: "The export's table, partitioned by billing_period" },
  { name: "region", label: "Athena region", hint: "The region of the table and the workgroup" },
  { name: "workgroup", label: "Athena workgroup", hint: "Queries run there" },
  { name: "outputLocation", label: "Results location", hint: "s3://…; empty when the workgroup sets its own" },
  { name: "scanPricePerTb", label: "Scan price (USD per TiB)", hint: "Shown with each read's bytes scanned" },
];

export function BillAthenaFields({ value, onChange }: { value: Athena | undefined; onChange: (a?: Athena) => void }) {
  return (
    <fieldset className="md:col-span-2 rounded border border-slate-200 p-3">
      <legend className="px-1 text-sm font-medium">Through Athena</legend>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={value !== undefined}
          onChange={(e) => onChange(e.target.checked ? fresh : undefined)}
        />
        Read the bill through the export&apos;s Athena table (for exports too large for one machine)
      </label>
      {value && (
        <div className="mt-3 grid gap-3 md:grid-cols-2">
          {fields.map((f) => (
            <label key={f.name} className="block text-sm">
              <span className="font-medium">{f.label}</span>
              <input
                className="mt-1 block w-full rounded border border-slate-300 px-2 py-1 font-mono text-sm"
                name={`athena.${f.name}`}
                value={String(value[f.name])}
                onChange={(e) =>
                  onChange({
                    ...value,
                    [f.name]: f.name === "scanPricePerTb" ? Number(e.target.value) : e.target.value,
                  })
                }
              />
              <span className="text-xs text-slate-500">{f.hint}</span>
            </label>
          ))}
        </div>
      )}
    </fieldset>
  );
}
