import "server-only";
import { z } from "zod";

// Every environment variable the server reads, parsed once. Messages say what to set.
const flag = z
  .enum(["", "0", "1", "true", "false"], { message: "use 1 or 0" })
  .optional()
  .transform((v) => v === "1" || v === "true");

const envSchema = z.object({
  AWS_ENDPOINT_URL: z
    .url({ message: "AWS_ENDPOINT_URL must be a URL such as http://127.0.0.1:5000, or unset for AWS" })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  AWS_REGION: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "AWS_REGION must look like us-east-1").optional(),
  AWS_DEFAULT_REGION: z.string().optional(),
  CONSOLE_READ_ONLY: flag,
  CONSOLE_DATA_DIR: z.string().min(1).default("./data"),
  CONSOLE_SCAN_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(32),
  CONSOLE_INVENTORY_TTL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
});

export type ServerEnv = {
  endpoint: string | undefined;
  /** From AWS_REGION / AWS_DEFAULT_REGION; undefined lets the SDK read the profile. */
  region: string | undefined;
  readOnly: boolean;
  dataDir: string;
  scanConcurrency: number;
  inventoryTtlMs: number;
};

let cached: ServerEnv | undefined;

export function serverEnv(): ServerEnv {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  cached = {
    endpoint: e.AWS_ENDPOINT_URL,
    region: e.AWS_REGION ?? e.AWS_DEFAULT_REGION,
    readOnly: e.CONSOLE_READ_ONLY,
    dataDir: e.CONSOLE_DATA_DIR,
    scanConcurrency: e.CONSOLE_SCAN_CONCURRENCY,
    inventoryTtlMs: e.CONSOLE_INVENTORY_TTL_SECONDS * 1000,
  };
  return cached;
}
