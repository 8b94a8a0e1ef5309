import type { BucketEncryption } from "@/lib/contracts/inventory";

/** The key by alias when known, with the key id; the full ARN on hover. A key not found is named as written. */
export function KeyLabel({ encryption }: { encryption: BucketEncryption | null }) {
  if (!encryption || (encryption.type !== "SSE-KMS" && encryption.type !== "DSSE-KMS"))
    return <span className="text-xs text-slate-500">—</span>;
  const { kmsKeyArn, kmsKeyAlias, kmsKeyReference, kmsKeyProblem } = encryption;
  if (!kmsKeyArn && !kmsKeyAlias && kmsKeyReference)
    return (
      <span
        title={kmsKeyReference}
        className={`break-words text-xs font-medium ${kmsKeyProblem ? "text-red-700" : ""}`}
      >
        {/* An ARN by its last part (key/… or alias/…), the whole of it on hover. */}
        {kmsKeyReference.startsWith("arn:") ? kmsKeyReference.split(":").pop() : kmsKeyReference}
      </span>
    );
  const keyId = kmsKeyArn?.split("/").pop() ?? null;
  return (
    <span title={kmsKeyArn ?? undefined} className="text-xs">
      <span className="font-medium">{kmsKeyAlias ?? "No alias"}</span>
      {keyId && <span className="block font-mono text-[11px] text-slate-500">{keyId.slice(0, 8)}…</span>}
    </span>
  );
}

/** The sentence saying why S3 cannot use the bucket's key (a deleted alias…); nothing when it can. */
export function KeyProblem({
  encryption,
  className = "",
}: {
  encryption: BucketEncryption | null;
  className?: string;
}) {
  const problem = encryption?.kmsKeyProblem;
  if (!problem) return null;
  return (
    <p className={`text-xs text-red-800 ${className}`} data-testid="key-problem">
      <span aria-hidden="true">⚠ </span>
      {problem.message}
    </p>
  );
}
