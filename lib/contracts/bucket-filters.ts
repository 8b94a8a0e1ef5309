import type { BucketPosture, EncryptionType } from "@/lib/contracts/inventory";

// Pure filtering and sorting for the bucket table; the filter state lives in the URL.

export type BucketFilters = {
  q: string;
  type: EncryptionType | "all";
  bucketKey: "all" | "on" | "off";
  region: string | "all";
  candidates: boolean;
};

export type SortKey = "name" | "region" | "type" | "bucketKey" | "versioning";
export type Sort = { key: SortKey; dir: "asc" | "desc" };

export const defaultFilters: BucketFilters = { q: "", type: "all", bucketKey: "all", region: "all", candidates: false };

const encryptionTypes: readonly string[] = ["SSE-S3", "SSE-KMS", "DSSE-KMS", "NONE"];
const sortKeys: readonly string[] = ["name", "region", "type", "bucketKey", "versioning"];

export function filtersFromParams(params: URLSearchParams): BucketFilters {
  const type = params.get("type") ?? "all";
  const bucketKey = params.get("bucketKey");
  return {
    q: params.get("q") ?? "",
    type: encryptionTypes.includes(type) ? (type as EncryptionType) : "all",
    bucketKey: bucketKey === "on" || bucketKey === "off" ? bucketKey : "all",
    region: params.get("region") || "all",
    candidates: params.get("candidates") === "1",
  };
}

export function sortFromParams(params: URLSearchParams): Sort {
  const key = params.get("sort") ?? "name";
  return {
    key: sortKeys.includes(key) ? (key as SortKey) : "name",
    dir: params.get("dir") === "desc" ? "desc" : "asc",
  };
}

/** The inverse of filtersFromParams + sortFromParams; defaults are left out of the URL. */
export function filtersToParams(f: BucketFilters, sort: Sort): URLSearchParams {
  const p = new URLSearchParams();
  if (f.q) p.set("q", f.q);
  if (f.type !== "all") p.set("type", f.type);
  if (f.bucketKey !== "all") p.set("bucketKey", f.bucketKey);
  if (f.region !== "all") p.set("region", f.region);
  if (f.candidates) p.set("candidates", "1");
  if (sort.key !== "name") p.set("sort", sort.key);
  if (sort.dir !== "asc") p.set("dir", sort.dir);
  return p;
}

export function filterBuckets(buckets: BucketPosture[], f: BucketFilters): BucketPosture[] {
  const q = f.q.trim().toLowerCase();
  return buckets.filter((b) => {
    const keyNames = [b.encryption?.kmsKeyAlias, b.encryption?.kmsKeyArn, b.encryption?.kmsKeyReference];
    if (q && !b.name.includes(q) && !keyNames.some((k) => k?.toLowerCase().includes(q))) return false;
    if (f.type !== "all" && b.encryption?.type !== f.type) return false;
    if (f.bucketKey !== "all") {
      // Bucket Key is an SSE-KMS matter: "on" and "off" both select SSE-KMS buckets only.
      if (b.encryption?.type !== "SSE-KMS") return false;
      if (b.encryption.bucketKeyEnabled !== (f.bucketKey === "on")) return false;
    }
    if (f.region !== "all" && b.region !== f.region) return false;
    if (f.candidates && !b.candidate) return false;
    return true;
  });
}

function sortValue(b: BucketPosture, key: SortKey): string {
  switch (key) {
    case "name":
      return b.name;
    case "region":
      return b.region ?? "~";
    case "type":
      return b.encryption?.type ?? "~";
    case "bucketKey":
      return b.encryption?.type === "SSE-KMS" ? (b.encryption.bucketKeyEnabled ? "1" : "0") : "2";
    case "versioning":
      return b.versioning ?? "~";
  }
}

export function sortBuckets(buckets: BucketPosture[], sort: Sort): BucketPosture[] {
  const sign = sort.dir === "asc" ? 1 : -1;
  return [...buckets].sort(
    (a, b) => sign * sortValue(a, sort.key).localeCompare(sortValue(b, sort.key)) || a.name.localeCompare(b.name),
  );
}
