import { z } from "zod";
import { encryptionTypeSchema } from "./api-error";
import { awsRegionSchema } from "./region";
import { accountScanSchema, bucketPostureSchema, inventorySummarySchema, scanProgressSchema } from "./inventory";
import { savingMethodSchema } from "./usage";

// The inventory store's API: GET /api/buckets (one page, filtered, sorted and searched on the
// server), GET /api/inventory/export (every matching row as CSV), /api/inventory/scan (progress,
// Rescan, cancel) and GET /api/inventory/candidates (the Overview's top candidates by saving).
// The inventory-only endpoints live under /api/inventory because every name under /api/buckets/
// could be a bucket's ("scan" and "export" are valid bucket names).

export const bucketSortKeys = ["name", "region", "type", "bucketKey", "versioning"] as const;
export type BucketSortKey = (typeof bucketSortKeys)[number];
export const bucketListLimit = { min: 1, max: 500, default: 100 } as const;

const oneOf = (name: string, values: readonly string[]) => ({
  error: `${name} must be one of ${values.join(", ")}`,
});

const wholeNumber = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,6}$/, `${name} must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().min(min, `${name} must be at least ${min}`).max(max, `${name} must be at most ${max}`));

/** The filters, sort and search shared by the page and the CSV export (all optional: absent = all). */
export const bucketFilterQuerySchema = z
  .object({
    /** Substring of the bucket name, KMS key ARN or key alias (case-insensitive). */
    q: z.string().max(200, "q must be at most 200 characters").optional(),
    type: z.enum(encryptionTypeSchema.options, oneOf("type", encryptionTypeSchema.options)).optional(),
    /** on / off select SSE-KMS buckets with / without a Bucket Key. */
    bucketKey: z.enum(["on", "off"], oneOf("bucketKey", ["on", "off"])).optional(),
    region: awsRegionSchema.optional(),
    /** 1: only candidates for a Bucket Key (SSE-KMS, Bucket Key off); 0: only the others. */
    candidate: z.enum(["1", "0"], oneOf("candidate", ["1", "0"])).optional(),
    sort: z.enum(bucketSortKeys, oneOf("sort", bucketSortKeys)).default("name"),
    order: z.enum(["asc", "desc"], oneOf("order", ["asc", "desc"])).default("asc"),
  })
  .strict();
export type BucketFilterQuery = z.infer<typeof bucketFilterQuerySchema>;

/** GET /api/buckets?limit=&cursor=&q=&type=&bucketKey=&region=&candidate=&sort=&order=&account= */
export const bucketListQuerySchema = bucketFilterQuerySchema
  .extend({
    limit: wholeNumber("limit", bucketListLimit.min, bucketListLimit.max).default(bucketListLimit.default),
    /** nextCursor of the previous page, unchanged; only valid with the same filters, sort and account. */
    cursor: z.string().max(2000, "cursor is malformed: start from the first page (leave cursor out)").optional(),
  })
  .strict();
export type BucketListQuery = z.infer<typeof bucketListQuerySchema>;

/**
 * One page of the inventory, answered from the store without calling AWS. `total` counts the
 * buckets matching the filters; `summary` covers the whole account (or all accounts), not the page;
 * `scan` is the background scan's progress (all accounts' added up for `account=all`).
 */
export const bucketPageSchema = z.object({
  buckets: z.array(bucketPostureSchema),
  total: z.number(),
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
  summary: inventorySummarySchema,
  scan: scanProgressSchema,
  /** Each account in scope with its bucket count and scan; an unreadable account says why. */
  accounts: z.array(accountScanSchema),
});
export type BucketPage = z.infer<typeof bucketPageSchema>;

/** GET /api/inventory/scan (progress), POST (Rescan: starts one, or returns the running one), DELETE (cancel). */
export const scanStatusSchema = z.object({
  scan: scanProgressSchema,
  accounts: z.array(accountScanSchema),
});
export type ScanStatus = z.infer<typeof scanStatusSchema>;

/** GET /api/inventory/export?<bucketFilterQuerySchema>&account= — text/csv, a header row then these columns. */
export const inventoryCsvColumns = [
  "account",
  "bucket",
  "region",
  "encryption",
  "kms_key_arn",
  "kms_key_alias",
  "bucket_key",
  "versioning",
  "replication_rules",
  "candidate",
  "read_at",
  "error",
] as const;

/** GET /api/inventory/candidates?limit=&account= */
export const topCandidatesQuerySchema = z.object({ limit: wholeNumber("limit", 1, 50).default(5) }).strict();

/**
 * The candidates for a Bucket Key with the largest projected monthly saving (usage store, last 30
 * days); candidates without usage data follow, by name. `total` counts every candidate in scope.
 */
export const topCandidatesSchema = z.object({
  candidates: z.array(
    z.object({
      bucket: bucketPostureSchema,
      monthlySavingUsd: z.number().nullable(),
      method: savingMethodSchema.nullable(),
    }),
  ),
  total: z.number(),
  /** False when the usage store holds no KMS usage yet: savings are then all null. */
  hasUsageData: z.boolean(),
});
export type TopCandidates = z.infer<typeof topCandidatesSchema>;

/** The API query for a page of the bucket table, from the table's state (defaults left out). */
export function bucketListParams(
  filters: Partial<Omit<BucketFilterQuery, "sort" | "order">>,
  sort: { key: BucketSortKey; dir: "asc" | "desc" },
  page: { limit?: number; cursor?: string | null } = {},
): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) p.set(k, v);
  if (sort.key !== "name") p.set("sort", sort.key);
  if (sort.dir !== "asc") p.set("order", sort.dir);
  if (page.limit) p.set("limit", String(page.limit));
  if (page.cursor) p.set("cursor", page.cursor);
  return p;
}
