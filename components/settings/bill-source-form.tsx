"use client";
import { useState, type FormEvent } from "react";
import type { BillSource } from "@/lib/contracts/bill";
import { useBillSource } from "@/lib/client/use-bill-source";
import { useHealth } from "@/lib/client/use-health";
import { useSaveBillSource } from "@/lib/client/use-save-bill-source";
import { Button } from "@/components/ui/button";
import { DetectedExports } from "./detected-exports";
import { BillAthenaFields } from "./bill-athena-fields";

// Where the KMS bill is read: a Data Export of CUR 2.0 in S3 (its delivery options name the
// bucket, prefix and export name), chosen from those the account lists or typed. Values go to the
// server as typed; its schema validates them.

const blank: BillSource = { bucket: "", prefix: "", exportName: "", months: 3 };

export function BillSourceForm() {
  const source = useBillSource();
  const save = useSaveBillSource();
  const readOnly = useHealth().data?.readOnly ?? false;
  const [draft, setDraft] = useState<BillSource | null>(null);
  const value = draft ?? source.data?.source ?? blank;
  const field = (name: Exclude<keyof BillSource, "athena">, label: string, hint: string) => (
    <label className="block text-sm">
      <span className="font-medium">{label}</span>
      <input
        className="mt-1 block w-full rounded border border-slate-300 px-2 py-1 font-mono text-sm"
        name={name}
        value={String(value[name])}
        onChange={(e) => setDraft({ ...value, [name]: name === "months" ? Number(e.target.value) : e.target.value })}
      />
      <span className="text-xs text-slate-500">{hint}</span>
    </label>
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(value, { onSuccess: () => setDraft(null) });
  };
  return (
    <section
      id="bill-source"
      aria-labelledby="bill-source-heading"
      className="mt-6 max-w-3xl rounded-lg border border-slate-200 bg-white p-5 text-sm"
    >
      <h2 id="bill-source-heading" className="font-semibold">
        KMS bill (Data Export)
      </h2>
      <p className="mb-3 text-sm text-slate-600">
        The console reads KMS request lines from a Data Export of CUR 2.0 (Parquet, or CSV with GZIP), with resource ids
        so each line names its key, and sets them beside CloudTrail on Reports.
      </p>
      <div className="mb-3">
        <DetectedExports
          onUse={(e) => setDraft({ ...value, bucket: e.bucket, prefix: e.prefix, exportName: e.name })}
        />
      </div>
      <form onSubmit={submit} className="grid gap-3 md:grid-cols-2">
        {field("bucket", "S3 bucket", "The export's delivery bucket")}
        {field("prefix", "S3 path prefix", "As the export was given; empty for none")}
        {field("exportName", "Export name", "Its files are under <prefix>/<export name>/")}
        {field("months", "Months to read", "From the current month back (1–36)")}
        <BillAthenaFields value={value.athena} onChange={(athena) => setDraft({ ...value, athena })} />
        <div className="md:col-span-2">
          <Button type="submit" variant="primary" disabled={readOnly || save.isPending}>
            {save.isPending ? "Saving…" : "Save bill source"}
          </Button>
          {save.isError && (
            <p role="alert" className="mt-2 text-sm text-red-800">
              {save.error.message}
            </p>
          )}
          {save.isSuccess && !draft && (
            <p role="status" className="mt-2 text-sm text-emerald-800">
              Saved. Read the bill on Reports.
            </p>
          )}
        </div>
      </form>
    </section>
  );
}
