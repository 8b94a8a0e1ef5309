import { z } from "zod";
import { awsRegionSchema } from "./region";
import { guardrailSchema } from "./guardrail";

// Where the inventory comes from, organization-wide: the contracts of /api/settings/inventory-source
// and /api/inventory/config (the AWS Config aggregator's full load and incremental passes).

/** AWS's pattern for an aggregator name (PutConfigurationAggregator). */
const aggregatorNameSchema = z
  .string()
  .regex(/^[\w-]{1,256}$/, "an aggregator name has letters, digits, _ and - only (at most 256)");

export const inventorySourceSettingsSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("direct") }).strict(),
  z.object({ kind: z.literal("config"), aggregator: aggregatorNameSchema, region: awsRegionSchema }).strict(),
]);
export type InventorySourceSettings = z.infer<typeof inventorySourceSettingsSchema>;

/** One aggregator the console's account can query, as DescribeConfigurationAggregators names it. */
const aggregatorInfoSchema = z.object({
  name: z.string(),
  region: z.string(),
  /** Organization-wide (every member account) or a list of accounts. */
  scope: z.enum(["organization", "accounts"]),
  /** The accounts it names; empty for an organization aggregator (known after the first load). */
  accounts: z.array(z.string()),
  /** The regions it covers; null: all regions. */
  regions: z.array(z.string()).nullable(),
});
export type AggregatorInfo = z.infer<typeof aggregatorInfoSchema>;

export const configLoadSchema = z.object({
  kind: z.enum(["full", "incremental"]),
  state: z.enum(["running", "done", "cancelled", "failed"]),
  trigger: z.enum(["settings", "start", "schedule", "on-demand"]),
  /** Configuration items written to the store, of `total` (the full load counts first; incremental: unknown). */
  done: z.number(),
  total: z.number().nullable(),
  /** Buckets removed because Config recorded them deleted (or, after a full load, no longer names them). */
  removed: z.number(),
  queries: z.number(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Why it failed or how it ended, naming what to fix; null while it runs or when it succeeded. */
  message: z.string().nullable(),
  errorCode: z.string().nullable(),
});
export type ConfigLoad = z.infer<typeof configLoadSchema>;

/** GET /api/settings/inventory-source: the setting, where it came from, and what the console recommends. */
export const inventorySourceStatusSchema = z.object({
  settings: inventorySourceSettingsSchema,
  /** saved: chosen in Settings; env: CONSOLE_CONFIG_AGGREGATOR (nothing saved); default: direct. */
  origin: z.enum(["env", "saved", "default"]),
  recommendation: z.object({
    kind: z.enum(["direct", "config"]),
    reason: z.string(),
    aggregators: z.array(aggregatorInfoSchema),
    /** Why the aggregators could not be listed (e.g. config:DescribeConfigurationAggregators denied). */
    error: z.string().nullable(),
  }),
  /** The latest full load and incremental pass, and when the next scheduled pass runs. */
  lastFull: configLoadSchema.nullable(),
  lastIncremental: configLoadSchema.nullable(),
  /** The newest configurationItemCaptureTime stored: the incremental pass starts from it. */
  capturedUntil: z.string().nullable(),
  nextIncrementalAt: z.string().nullable(),
  /** The Config rule (Guard) and optional remediation that keep Bucket Keys on, for review. */
  guardrail: guardrailSchema,
});
export type InventorySourceStatus = z.infer<typeof inventorySourceStatusSchema>;

/** POST /api/inventory/config: run a pass now. */
export const configPassRequestSchema = z.object({ kind: z.enum(["full", "incremental"]) }).strict();
