import { z } from "zod";
import { figureSourceSchema } from "./bill";

// The cost evidence the budget owner reads: the bill beside CloudTrail per key and day
// (/api/reports/reconciliation), what each applied change did (/api/changes/effects), and the
// Overview's headline (/api/overview/headline). Every figure says where it comes from.

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a day such as 2026-11-30");

export const reconciliationQuerySchema = z
  .object({
    from: day.optional(),
    to: day.optional(),
    key: z
      .string()
      .regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/, "must be a KMS key ARN")
      .optional(),
  })
  .strict();
export type ReconciliationQuery = z.infer<typeof reconciliationQuerySchema>;

const status = z.enum(["matches", "gap", "trail-over-bill", "bill-missing"]);

const keyDaySchema = z.object({
  day,
  billRequests: z.number(),
  billCostUsd: z.number(),
  otherBillRequests: z.number(),
  trailRequests: z.number(),
  share: z.number().nullable(),
  explainedCostUsd: z.number(),
  unexplainedCostUsd: z.number(),
  status,
  causes: z.array(z.string()),
});

export const reconciliationSchema = z.object({
  fromDay: day,
  toDay: day,
  /** False before any bill is read: only CloudTrail's side is shown. */
  billRead: z.boolean(),
  /** Every key added up per day: the Reports chart. */
  days: z.array(
    z.object({
      day,
      billRequests: z.number(),
      billCostUsd: z.number(),
      trailRequests: z.number(),
      explainedCostUsd: z.number(),
    }),
  ),
  keys: z.array(
    z.object({
      keyArn: z.string(),
      account: z.string(),
      region: z.string(),
      billRequests: z.number(),
      billCostUsd: z.number(),
      trailRequests: z.number(),
      explainedCostUsd: z.number(),
      share: z.number().nullable(),
      gapDays: z.number(),
      /** The worst day's status and its likely causes. */
      status,
      causes: z.array(z.string()),
      /** Per day; only when one key was asked for. */
      days: z.array(keyDaySchema).nullable(),
    }),
  ),
  /** Applied changes in the period, for the chart's markers. */
  changes: z.array(z.object({ id: z.number(), day, bucket: z.string() })),
});
export type ReconciliationReport = z.infer<typeof reconciliationSchema>;

const windowSchema = z
  .object({ fromDay: day, toDay: day, days: z.number(), requestsPerDay: z.number(), costPerDayUsd: z.number() })
  .nullable();

export const changeEffectSchema = z.object({
  /** History's id; null for a change made outside the console (from CloudTrail's management events). */
  changeId: z.number().nullable(),
  source: z.enum(["console", "outside"]),
  /** Who made it: History's identity, or the management event's principal. */
  by: z.string(),
  at: z.string(),
  bucket: z.string(),
  keyArn: z.string().nullable(),
  before: windowSchema,
  beforeNote: z.string().nullable(),
  after: windowSchema,
  afterNote: z.string().nullable(),
  requestReduction: z.number().nullable(),
  realizedMonthlySavingUsd: z.number().nullable(),
  /** What the review's model projected from the usage it had then (the 30 days before the change). */
  projectedMonthlySavingUsd: z.number().nullable(),
  projectedMethod: z.string().nullable(),
  realizedShareOfProjected: z.number().nullable(),
  /** Saved since the change, to the day before the bucket's next change or the last day with data. */
  realizedToDate: z.object({ usd: z.number(), days: z.number(), toDay: day }).nullable(),
  /** The key's bill over the same windows (all its users, not just this bucket); null where not read. */
  bill: z.object({ before: windowSchema, after: windowSchema }).nullable(),
});
export type ChangeEffectRow = z.infer<typeof changeEffectSchema>;

export const changeEffectsSchema = z.object({
  windowDays: z.number(),
  effects: z.array(changeEffectSchema),
  /** The savings programme: realized per month since the first change, and cumulative (CloudTrail). */
  programme: z.array(z.object({ month: z.string(), realizedUsd: z.number(), cumulativeUsd: z.number() })),
});
export type ChangeEffects = z.infer<typeof changeEffectsSchema>;

const headlineFigure = z.object({ usd: z.number().nullable(), basis: figureSourceSchema.nullable() });

export const headlineSchema = z.object({
  /** S3's KMS request cost per month. */
  monthlyCost: headlineFigure,
  /** Saving realized since the first change, to the last day with data. */
  realizedSaving: headlineFigure,
  /** Projected monthly saving of the buckets still without a Bucket Key. */
  projectedSavingLeft: headlineFigure,
});
export type Headline = z.infer<typeof headlineSchema>;
