import type { BucketEncryption } from "@/lib/contracts/inventory";
import { Badge, type BadgeTone } from "@/components/ui/badge";

const typeTone: Record<BucketEncryption["type"], BadgeTone> = {
  "SSE-KMS": "info",
  "DSSE-KMS": "info",
  "SSE-S3": "neutral",
  NONE: "warn",
};
const typeLabel: Record<BucketEncryption["type"], string> = {
  "SSE-KMS": "SSE-KMS",
  "DSSE-KMS": "DSSE-KMS",
  "SSE-S3": "SSE-S3",
  NONE: "None",
};

export function EncryptionTypeBadge({ encryption }: { encryption: BucketEncryption | null }) {
  if (!encryption) return <Badge tone="bad">Unknown</Badge>;
  return <Badge tone={typeTone[encryption.type]}>{typeLabel[encryption.type]}</Badge>;
}

/** Bucket Key only matters for SSE-KMS; elsewhere it is shown as not applicable. */
export function BucketKeyBadge({ encryption }: { encryption: BucketEncryption | null }) {
  if (!encryption) return <Badge tone="bad">Unknown</Badge>;
  if (encryption.type !== "SSE-KMS") return <span className="text-xs text-slate-500">n/a</span>;
  return encryption.bucketKeyEnabled ? <Badge tone="good">On</Badge> : <Badge tone="warn">Off</Badge>;
}
