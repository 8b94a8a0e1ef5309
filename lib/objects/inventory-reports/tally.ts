import { objectCategories, type ObjectCategory, type PrefixTally } from "@/lib/contracts/objects";
import { AppError } from "@/lib/contracts/errors";

// Counts and bytes per encryption category, overall and per top-level prefix, in memory bounded
// whatever the report's size: at most `maxPrefixes` prefixes are kept by name, the rest are
// summed into one "other prefixes" group. Categories are array indices (objectCategories order)
// so the per-row work in the readers is two array increments.

export type PrefixGroup = { counts: Float64Array; bytes: Float64Array };

const index = (c: ObjectCategory) => objectCategories.indexOf(c);
export const categoryIndex = {
  kmsWithBucketKey: index("SSE-KMS with Bucket Key"),
  kmsWithoutBucketKey: index("SSE-KMS without Bucket Key"),
  sseS3: index("SSE-S3"),
  dsse: index("DSSE-KMS"),
  unencryptedOrSseC: index("Unencrypted or SSE-C"),
};

/** EncryptionStatus × BucketKeyStatus of an inventory row; throws on a value S3 does not write. */
export function reportCategory(encryptionStatus: string, bucketKeyStatus: string, where: string): number {
  switch (encryptionStatus) {
    case "SSE-KMS":
      return bucketKeyStatus === "ENABLED" ? categoryIndex.kmsWithBucketKey : categoryIndex.kmsWithoutBucketKey;
    case "SSE-S3":
      return categoryIndex.sseS3;
    case "DSSE-KMS":
      return categoryIndex.dsse;
    case "NOT-SSE":
    case "SSE-C":
      return categoryIndex.unencryptedOrSseC;
  }
  throw new AppError(
    "check_failed",
    `${where}: EncryptionStatus is "${encryptionStatus.slice(0, 40)}", not one of SSE-KMS, SSE-S3, DSSE-KMS, ` +
      "SSE-C or NOT-SSE: the data file does not match its manifest's fileSchema. Audit an intact report.",
  );
}

const newGroup = (): PrefixGroup => ({
  counts: new Float64Array(objectCategories.length),
  bytes: new Float64Array(objectCategories.length),
});

export class ReportTally {
  readonly groups = new Map<string, PrefixGroup>();
  readonly other = newGroup();
  rows = 0;

  constructor(private readonly maxPrefixes = 1000) {}

  /** The group a top-level prefix counts into ("" for keys without a slash). */
  group(prefix: string): PrefixGroup {
    let g = this.groups.get(prefix);
    if (!g) {
      if (this.groups.size >= this.maxPrefixes) return this.other;
      g = newGroup();
      this.groups.set(prefix, g);
    }
    return g;
  }

  totals(): { distribution: Record<ObjectCategory, number>; bytes: Record<ObjectCategory, number> } {
    const all = [...this.groups.values(), this.other];
    const sum = (pick: (g: PrefixGroup) => Float64Array, i: number) => all.reduce((s, g) => s + pick(g)[i]!, 0);
    return {
      distribution: record((i) => sum((g) => g.counts, i)),
      bytes: record((i) => sum((g) => g.bytes, i)),
    };
  }

  /** The largest prefixes by object count, then the rest as one "(other prefixes)" row. */
  prefixes(limit = 50): PrefixTally[] {
    const rows = [...this.groups.entries()].map(([prefix, g]) => toPrefix(prefix, g));
    rows.sort((a, b) => b.objects - a.objects || a.prefix!.localeCompare(b.prefix!));
    const shown = rows.slice(0, limit);
    const rest = [...rows.slice(limit), ...(this.other.counts.some((c) => c > 0) ? [toPrefix("", this.other)] : [])];
    if (rest.length === 0) return shown;
    const merged = newGroup();
    for (const r of rest)
      objectCategories.forEach((c, i) => {
        merged.counts[i]! += r.distribution[c];
        merged.bytes[i]! += r.bytes[c];
      });
    return [...shown, { ...toPrefix("", merged), prefix: null }];
  }
}

function record(value: (i: number) => number): Record<ObjectCategory, number> {
  return Object.fromEntries(objectCategories.map((c, i) => [c, value(i)])) as Record<ObjectCategory, number>;
}

function toPrefix(prefix: string, g: PrefixGroup): PrefixTally {
  return {
    prefix,
    objects: g.counts.reduce((s, c) => s + c, 0),
    distribution: record((i) => g.counts[i]!),
    bytes: record((i) => g.bytes[i]!),
  };
}
