import type { EncryptionType } from "./inventory";
import { bucketListParams, bucketSortKeys, type BucketFilterQuery, type BucketSortKey } from "./bucket-list";

// The bucket table's state — filters, search, sort — as kept in the page's URL, and the API
// query it becomes. The server filters, sorts and searches (GET /api/buckets): the browser
// never holds more than the pages it has scrolled through.

export type BucketFilters = {
  q: string;
  type: EncryptionType | "all";
  bucketKey: "all" | "on" | "off";
  region: string | "all";
  candidates: boolean;
};

export type SortKey = BucketSortKey;
export type Sort = { key: SortKey; dir: "asc" | "desc" };

export const defaultFilters: BucketFilters = { q: "", type: "all", bucketKey: "all", region: "all", candidates: false };
export const defaultSort: Sort = { key: "name", dir: "asc" };

const encryptionTypes: readonly string[] = ["SSE-S3", "SSE-KMS", "DSSE-KMS", "NONE"];

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
    key: (bucketSortKeys as readonly string[]).includes(key) ? (key as SortKey) : "name",
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

/** The table's filters as the API names them (bucketFilterQuerySchema); "all" and blanks left out. */
function filterQueryOf(f: BucketFilters): Partial<Omit<BucketFilterQuery, "sort" | "order">> {
  const q = f.q.trim();
  return {
    q: q || undefined,
    type: f.type === "all" ? undefined : f.type,
    bucketKey: f.bucketKey === "all" ? undefined : f.bucketKey,
    region: f.region === "all" ? undefined : f.region,
    candidate: f.candidates ? "1" : undefined,
  };
}

/** GET /api/buckets's (and the CSV export's) query for the table's state, without limit and cursor. */
export function apiQueryOf(f: BucketFilters, sort: Sort): URLSearchParams {
  return bucketListParams(filterQueryOf(f), sort);
}
