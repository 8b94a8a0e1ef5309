import type { BucketPosture } from "@/lib/contracts/inventory";
import { Badge } from "@/components/ui/badge";

export function ReplicationRules({ replication }: { replication: BucketPosture["replication"] }) {
  if (!replication) return <p className="text-sm text-slate-500">No replication rules.</p>;
  return (
    <ul className="space-y-3 text-sm">
      {replication.rules.map((r) => (
        <li key={r.id} className="rounded border border-slate-200 p-3">
          <div className="flex items-center gap-2">
            <span className="font-medium">{r.id}</span>
            <Badge tone={r.status === "Enabled" ? "good" : "neutral"}>{r.status}</Badge>
          </div>
          <dl className="mt-2 grid grid-cols-3 gap-x-3 gap-y-1 text-xs">
            <dt className="text-slate-500">Destination</dt>
            <dd className="col-span-2">
              {r.destinationBucket}{" "}
              {r.destinationRegion && <span className="font-mono text-slate-500">({r.destinationRegion})</span>}
            </dd>
            <dt className="text-slate-500">Prefix</dt>
            <dd className="col-span-2">{r.prefix || "Whole bucket"}</dd>
            <dt className="text-slate-500">SSE-KMS objects</dt>
            <dd className="col-span-2">
              {r.replicatesSseKms ? "Replicated" : "Not replicated (SSE-KMS objects are skipped)"}
            </dd>
            <dt className="text-slate-500">Replica KMS key</dt>
            <dd className="col-span-2 break-all font-mono">{r.replicaKmsKeyId ?? "—"}</dd>
          </dl>
        </li>
      ))}
    </ul>
  );
}
