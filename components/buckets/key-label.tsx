import type { BucketEncryption } from "@/lib/contracts/inventory";

/** The key by alias when known, with the key id; the full ARN on hover. */
export function KeyLabel({ encryption }: { encryption: BucketEncryption | null }) {
  if (!encryption || (encryption.type !== "SSE-KMS" && encryption.type !== "DSSE-KMS"))
    return <span className="text-xs text-slate-500">—</span>;
  const keyId = encryption.kmsKeyArn?.split("/").pop() ?? null;
  return (
    <span title={encryption.kmsKeyArn ?? undefined} className="text-xs">
      <span className="font-medium">{encryption.kmsKeyAlias ?? "No alias"}</span>
      {keyId && <span className="block font-mono text-[11px] text-slate-500">{keyId.slice(0, 8)}…</span>}
    </span>
  );
}
