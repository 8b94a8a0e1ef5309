import type { PrefixTally } from "@/lib/contracts/objects";
import { formatBytes } from "./audit-figures";

/** Per top-level prefix: where the objects without a Bucket Key are. */
export function PrefixTable({ prefixes, label }: { prefixes: PrefixTally[]; label: string }) {
  return (
    <table className="w-full text-left text-sm" aria-label="Objects per top-level prefix">
      <caption className="pb-1 text-left text-xs text-slate-600">Per top-level prefix — {label}</caption>
      <thead className="text-xs text-slate-600">
        <tr>
          <th className="py-1 font-medium">Prefix</th>
          <th className="py-1 text-right font-medium">Objects</th>
          <th className="py-1 text-right font-medium">Without Bucket Key</th>
          <th className="py-1 text-right font-medium">Bytes without Bucket Key</th>
          <th className="py-1 text-right font-medium">With Bucket Key</th>
        </tr>
      </thead>
      <tbody className="tabular-nums">
        {prefixes.map((p) => (
          <tr key={p.prefix ?? "(other)"} className="border-t border-slate-100">
            <td className="py-1 font-mono text-xs">
              {p.prefix === null ? "(other prefixes)" : p.prefix === "" ? "(top level)" : `${p.prefix}/`}
            </td>
            <td className="py-1 text-right">{p.objects.toLocaleString()}</td>
            <td className="py-1 text-right">{p.distribution["SSE-KMS without Bucket Key"].toLocaleString()}</td>
            <td className="py-1 text-right">{formatBytes(p.bytes["SSE-KMS without Bucket Key"])}</td>
            <td className="py-1 text-right">{p.distribution["SSE-KMS with Bucket Key"].toLocaleString()}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
