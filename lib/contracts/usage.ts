import { z } from "zod";
import { bucketNameSchema } from "@/lib/contracts/params";
import { awsRegionSchema } from "./region";

// KMS usage, savings and pricing: the contracts of /api/usage*, /api/savings and /api/settings/pricing.

/** Ways a trail can miss S3's KMS calls (see lib/usage/cloudtrail/trail-coverage.ts). */
const trailWarningCodes = [
  "not-logging",
  "management-events-off",
  "write-only",
  "kms-events-excluded",
  "advanced-selectors-exclude-kms",
  "single-region",
  "selectors-unreadable",
] as const;

const trailWarningSchema = z.object({
  trail: z.string(),
  code: z.enum(trailWarningCodes),
  /** What is missed and which selector to change. */
  message: z.string(),
  /** The AWS CLI command that closes the gap, when there is one. */
  command: z.string().nullable(),
});
export type TrailWarning = z.infer<typeof trailWarningSchema>;

export const ingestStatusSchema = z.object({
  state: z.enum(["idle", "running", "done", "failed"]),
  source: z.enum(["trail", "lookup-events", "athena"]).nullable(),
  /** "trail → s3://bucket/prefix" for each trail read, then "(regions counted from other-trail)" where it left some. */
  trails: z.array(z.string()),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  filesDone: z.number(),
  filesTotal: z.number(),
  events: z.number(),
  ignored: z.number(),
  message: z.string().nullable(),
  /** Files that could not be ingested (outstanding, across runs), with the reason. */
  errors: z.array(z.object({ file: z.string(), reason: z.string() })),
  /** Trails of the last run that do not record all of S3's KMS calls: the usage shown is low where they apply. */
  warnings: z.array(trailWarningSchema),
});
export type IngestStatus = z.infer<typeof ingestStatusSchema>;

const isoDate = z.iso.datetime({ offset: true, message: "must be an ISO 8601 time such as 2026-03-01T00:00:00Z" });

export const usageQuerySchema = z
  .object({
    bucket: bucketNameSchema.optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    granularity: z.enum(["hour", "day"]).default("day"),
  })
  .strict();

const usagePointSchema = z.object({
  t: z.string(),
  object: z.number(),
  bucket: z.number(),
  byOperation: z.record(z.string(), z.number()),
  costUsd: z.number(),
  /** Distinct requesting principals in the period (one bucket only). */
  principals: z.number().nullable(),
});
export type UsagePoint = z.infer<typeof usagePointSchema>;

export const usageSeriesSchema = z.object({
  bucket: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  granularity: z.enum(["hour", "day"]),
  points: z.array(usagePointSchema),
  totals: z.object({ object: z.number(), bucket: z.number(), costUsd: z.number() }),
  /** First period whose calls switched to bucket level (Bucket Key turned on), if the data shows one. */
  bucketKeyEnabledAt: z.string().nullable(),
  hasData: z.boolean(),
});
export type UsageSeries = z.infer<typeof usageSeriesSchema>;

export const savingsQuerySchema = z.object({ from: isoDate.optional(), to: isoDate.optional() }).strict();

export const savingMethodSchema = z.enum(["projected", "realized", "no-baseline", "not-eligible"]);

const bucketSavingSchema = z.object({
  bucket: z.string(),
  /** The account whose trail or event history recorded the bucket's KMS calls. */
  account: z.string(),
  region: z.string().nullable(),
  method: savingMethodSchema,
  objectRequests: z.number(),
  bucketRequests: z.number(),
  costUsd: z.number(),
  estimatedRequests: z.number().nullable(),
  estimatedCostUsd: z.number().nullable(),
  monthlySavingRequests: z.number().nullable(),
  monthlySavingUsd: z.number().nullable(),
  bucketKeyEnabledAt: z.string().nullable(),
  /** A projected figure's two bounds (headline = per role) and the hours counted by slot or estimated hourly. */
  projection: z
    .object({
      perRoleRequests: z.number(),
      perSessionRequests: z.number(),
      perSessionMonthlySavingUsd: z.number(),
      slotHours: z.number(),
      hourlyFallbackHours: z.number(),
    })
    .nullable(),
  explanation: z.array(z.string()),
});
export type BucketSavingRow = z.infer<typeof bucketSavingSchema>;

/** A KMS key's busiest minute in the data against its region's shared request-rate quota. */
const keyHeadroomSchema = z.object({
  keyArn: z.string(),
  /** The key's alias, as the inventory read it with a bucket that uses the key; null when none is known. */
  alias: z.string().nullable(),
  region: z.string(),
  /** The busiest minute's S3 calls with the key (object- and bucket-level), per second. */
  peakPerSecond: z.number(),
  peakAt: z.string().nullable(),
  /** The same, had every bucket using the key had a Bucket Key (per role, as the savings headline). */
  projectedPeakPerSecond: z.number(),
  quotaPerSecond: z.number(),
  /** "default": the KMS developer guide's figure for the region; "settings": the override in Settings. */
  quotaSource: z.enum(["default", "settings"]),
  share: z.number(),
  projectedShare: z.number(),
});
export type KeyHeadroom = z.infer<typeof keyHeadroomSchema>;

export const savingsSchema = z.object({
  from: z.string(),
  to: z.string(),
  hasData: z.boolean(),
  rows: z.array(bucketSavingSchema),
  totals: z.object({
    costUsd: z.number(),
    monthlyProjectedUsd: z.number(),
    monthlyRealizedUsd: z.number(),
    /** The accounts' monthly KMS request bill at the range's rate, each account's free tier subtracted. */
    monthlyAccountCostUsd: z.number(),
    freeTierCreditUsd: z.number(),
  }),
  /** Per KMS key and region, busiest first. */
  headroom: z.array(keyHeadroomSchema),
  assumptions: z.array(z.string()),
});
export type Savings = z.infer<typeof savingsSchema>;

const price = z
  .number()
  .min(0, "a price cannot be negative")
  .max(10, "USD per 10,000 requests: above 10 is surely a typo");

export const pricingSettingsSchema = z
  .object({
    pricePer10k: price,
    regionPrices: z.record(awsRegionSchema, price),
    freeTierRequests: z.number().int().min(0).max(1_000_000_000),
    /** Requests per second of the shared symmetric-crypto quota, where Service Quotas shows another figure. */
    kmsQuotas: z
      .record(
        awsRegionSchema,
        z
          .number()
          .int("whole requests per second")
          .min(1, "a quota is at least 1 request per second")
          .max(10_000_000, "requests per second: above 10,000,000 is surely a typo"),
      )
      // Optional for callers written before the quotas existed.
      .default({}),
    refreshWindowMinutes: z
      .number()
      .int()
      .min(1, "at least 1 minute")
      .max(24 * 60, "at most a day"),
  })
  .strict();
export type PricingSettingsBody = z.infer<typeof pricingSettingsSchema>;
