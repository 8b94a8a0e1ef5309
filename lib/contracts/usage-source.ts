import { z } from "zod";

// Where an account's KMS usage comes from: the contracts of /api/settings/usage-source*.

const usageSources = ["lookup-events", "log-files", "athena"] as const;
export type UsageSource = (typeof usageSources)[number];

const identifier = z
  .string()
  .regex(
    /^[a-z_][a-z0-9_]{0,127}$/,
    "use lower-case letters, digits and underscores, starting with a letter or underscore",
  );

export const athenaSettingsSchema = z
  .object({
    workgroup: z.string().regex(/^[A-Za-z0-9._-]{1,128}$/, "must be an Athena workgroup name (letters, digits, . _ -)"),
    /** Empty when the workgroup enforces its own results location. */
    outputLocation: z.union([
      z.literal(""),
      z
        .string()
        .regex(
          /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/[^\s]*)?$/,
          "must be an S3 location such as s3://my-athena-results/usage/",
        ),
    ]),
    database: identifier,
    table: identifier,
    /** USD per TiB scanned (Athena lists 5 in most regions). */
    scanPricePerTb: z.number().min(0, "a price cannot be negative").max(1000),
    /** Days the first refresh reads; later refreshes start a day before the previous one ended. */
    windowDays: z
      .number()
      .int("must be a whole number of days")
      .min(1, "at least one day")
      .max(90, "CloudTrail usage is kept for 90 days"),
  })
  .strict();

export const usageSourceSettingsSchema = z
  .object({
    /** "automatic": log files when a trail delivers to S3, else the event history. */
    source: z.enum(["automatic", ...usageSources]),
    athena: athenaSettingsSchema,
  })
  .strict();
export type UsageSourceSettings = z.infer<typeof usageSourceSettingsSchema>;

const athenaQueryRecordSchema = z.object({
  queryId: z.string(),
  /** The account the query ran in (the status's own account). */
  account: z.string(),
  purpose: z.enum(["refresh", "create-table"]),
  state: z.string(),
  fromHour: z.number().nullable(),
  toHour: z.number().nullable(),
  dataScannedBytes: z.number(),
  costUsd: z.number(),
  requests: z.number(),
  reason: z.string().nullable(),
  finishedAt: z.string(),
});

export const usageSourceStatusSchema = z.object({
  account: z.string(),
  settings: usageSourceSettingsSchema,
  recommendation: z.object({
    source: z.enum(usageSources),
    reason: z.string(),
    /** s3://bucket/prefix of the trail the recommendation and the table are about; null without one. */
    trail: z.string().nullable(),
    bytesPerDay: z.number().nullable(),
  }),
  table: z.object({
    /** The SQL that creates the database and table, as it would run now; null without a trail. */
    sql: z.array(z.string()).nullable(),
    createdAt: z.string().nullable(),
  }),
  queries: z.array(athenaQueryRecordSchema),
});
export type UsageSourceStatus = z.infer<typeof usageSourceStatusSchema>;

/** Creating the table: the statements the user was shown, so nothing else is run on their behalf. */
export const createAthenaTableSchema = z.object({ sql: z.array(z.string().max(20_000)).min(1).max(2) }).strict();
