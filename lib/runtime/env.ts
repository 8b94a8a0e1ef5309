import "server-only";
import { z } from "zod";
import { isAwsRegion } from "@/lib/contracts/region";
import { authSetup } from "@/lib/runtime/bind-policy.mjs";
import { hostPolicy, isLoopback, type AllowedHost } from "@/lib/runtime/host-policy.mjs";
import { setValues } from "@/lib/runtime/env-values.mjs";

// Every environment variable the server reads, parsed once. Messages say what to set. An empty
// value means unset (lib/runtime/env-values.mjs), so no setting needs to accept "".
const flag = z
  .enum(["0", "1", "true", "false"], { message: "use 1 or 0" })
  .optional()
  .transform((v) => v === "1" || v === "true");

/** A whole number in a range; zod's own message ("expected number, received NaN") does not say what to set. */
const wholeNumber = (min: number, max: number) => {
  const message = `use a whole number from ${min} to ${max}`;
  return z.coerce.number({ message }).int(message).min(min, message).max(max, message);
};

const envSchema = z.object({
  AWS_ENDPOINT_URL: z
    .url({ message: "AWS_ENDPOINT_URL must be a URL such as http://127.0.0.1:5000, or unset for AWS" })
    .optional(),
  AWS_REGION: z
    .string()
    .refine(isAwsRegion, "AWS_REGION must be an AWS region the SDK knows, such as us-east-1")
    .optional(),
  AWS_DEFAULT_REGION: z.string().optional(),
  CONSOLE_READ_ONLY: flag,
  CONSOLE_DATA_DIR: z.string().min(1).default("./data"),
  CONSOLE_SCAN_CONCURRENCY: wholeNumber(1, 256).default(32),
  // Minutes between background full scans of the inventory (0: only on first start and Rescan).
  CONSOLE_INVENTORY_RESCAN_MINUTES: z.coerce
    .number({ message: "CONSOLE_INVENTORY_RESCAN_MINUTES must be a number of minutes, e.g. 360" })
    .int()
    .min(0)
    .max(7 * 24 * 60, "CONSOLE_INVENTORY_RESCAN_MINUTES: at most a week (10080)")
    .default(360),
  // How long one AWS request may take before it is abandoned (and retried).
  CONSOLE_AWS_TIMEOUT_MS: wholeNumber(100, 300_000).default(15_000),
  // Other accounts (lib/accounts): a JSON file listing them, and/or every ACTIVE member of the
  // AWS Organization reached through one role name.
  CONSOLE_ACCOUNTS_FILE: z.string().min(1).optional(),
  CONSOLE_ORGANIZATION_ROLE_NAME: z
    .string()
    .regex(/^[\w+=,.@-]{1,64}$/, "CONSOLE_ORGANIZATION_ROLE_NAME must be an IAM role name such as BucketKeyConsole")
    .optional(),
  // Accounts scanned at once in the all-accounts view; each scan has its own CONSOLE_SCAN_CONCURRENCY.
  CONSOLE_ACCOUNT_CONCURRENCY: wholeNumber(1, 64).default(8),
  // The inventory from an AWS Config aggregator (lib/inventory/config): "name@region" chooses it at start
  // (Settings can change it); queries at once; minutes between incremental passes; first throttle pause.
  CONSOLE_CONFIG_AGGREGATOR: z
    .string()
    .refine(
      (v) => /^[\w-]{1,256}@/.test(v) && isAwsRegion(v.slice(v.indexOf("@") + 1)),
      "CONSOLE_CONFIG_AGGREGATOR must be name@region, e.g. org-aggregator@us-east-1",
    )
    .optional()
    .or(z.literal("").transform(() => undefined)),
  CONSOLE_CONFIG_CONCURRENCY: z.coerce
    .number()
    .int()
    .min(1)
    .max(10, "CONSOLE_CONFIG_CONCURRENCY: at most 10")
    .default(10),
  CONSOLE_CONFIG_INCREMENTAL_MINUTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(15),
  CONSOLE_CONFIG_RETRY_MS: z.coerce.number().int().min(1).max(60_000).default(1_000),
  CONSOLE_INGEST_ON_START: z
    .enum(["0", "1", "true", "false"], { message: "use 1 or 0" })
    .optional()
    .transform((v) => v !== "0" && v !== "false"),
  // Where the KMS bill is read when Settings names none: s3://<bucket>/<prefix>/<export name> of a Data Export.
  CONSOLE_BILL_SOURCE: z
    .string()
    .regex(
      /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/(?:[^\s]+\/)?[A-Za-z0-9_-]{1,128}$/,
      "CONSOLE_BILL_SOURCE must be s3://<bucket>/<prefix>/<export name>, e.g. s3://billing/cur2/kms-bill",
    )
    .optional(),
  // Sign-in (lib/auth). Unset: the console serves the local user as operator (loopback only).
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must have at least 32 characters (openssl rand -base64 32)").optional(),
  AUTH_URL: z
    .url({ message: "AUTH_URL must be the console's public URL, e.g. https://console.example.com" })
    .optional(),
  AUTH_OIDC_ISSUER: z
    .url({ message: "AUTH_OIDC_ISSUER must be the issuer URL of your OpenID Connect provider" })
    .optional(),
  AUTH_OIDC_ID: z.string().optional(),
  AUTH_OIDC_SECRET: z.string().optional(),
  AUTH_OIDC_NAME: z.string().default("single sign-on"),
  CONSOLE_OIDC_GROUPS_CLAIM: z.string().default("groups"),
  CONSOLE_OPERATOR_GROUPS: z.string().default(""),
  CONSOLE_VIEWER_GROUPS: z.string().default(""),
  CONSOLE_OPERATOR_EMAILS: z.string().default(""),
  CONSOLE_VIEWER_EMAILS: z.string().default(""),
  // Opt-in for providers that never send email_verified: an email without the claim then counts (false never does).
  CONSOLE_OIDC_TRUST_EMAIL_WITHOUT_VERIFIED_CLAIM: flag,
  CONSOLE_ADMIN_USER: z
    .string()
    .regex(/^[\w.@-]{1,64}$/, "CONSOLE_ADMIN_USER: letters, digits, . @ _ - only")
    .default("admin"),
  CONSOLE_ADMIN_PASSWORD_HASH: z.string().optional(),
  CONSOLE_VIEWER_USER: z
    .string()
    .regex(/^[\w.@-]{1,64}$/, "CONSOLE_VIEWER_USER: letters, digits, . @ _ - only")
    .default("viewer"),
  CONSOLE_VIEWER_PASSWORD_HASH: z.string().optional(),
  CONSOLE_SESSION_HOURS: z.coerce
    .number()
    .min(0.1)
    .max(24 * 30)
    .default(12),
  CONSOLE_MUTATIONS_PER_MINUTE: wholeNumber(1, 100_000).default(120),
  // The names the console answers to (lib/runtime/host-policy.mjs): loopback on PORT, the
  // host of CONSOLE_PUBLIC_URL (and AUTH_URL), and CONSOLE_ALLOWED_HOSTS.
  PORT: z.coerce.number({ message: "PORT must be a port number" }).int().min(1).max(65_535).default(3000),
  CONSOLE_PUBLIC_URL: z
    .url({ message: "CONSOLE_PUBLIC_URL must be the URL users open, e.g. https://console.example.com" })
    .optional(),
  CONSOLE_ALLOWED_HOSTS: z.string().default(""),
  // What one file read from S3 may grow to once decompressed (a gzip of whitespace can hold 1,000 times its size).
  CONSOLE_MAX_LOG_FILE_MB: megabytes("CONSOLE_MAX_LOG_FILE_MB", 100),
  CONSOLE_MAX_INVENTORY_FILE_MB: megabytes("CONSOLE_MAX_INVENTORY_FILE_MB", 16 * 1024),
  CONSOLE_MAX_BILL_FILE_MB: megabytes("CONSOLE_MAX_BILL_FILE_MB", 16 * 1024),
  CONSOLE_MAX_MANIFEST_MB: megabytes("CONSOLE_MAX_MANIFEST_MB", 16),
  // One Parquet page, decompressed: writers cut pages at about 1 MiB, and the reader holds a page whole.
  CONSOLE_MAX_PARQUET_PAGE_MB: megabytes("CONSOLE_MAX_PARQUET_PAGE_MB", 64),
  // One Parquet row group's rows: the reader holds a group's columns whole, and a run-length-encoded page of a few
  // bytes may state any number of values. Writers cut groups at about 128 MiB, far fewer rows than this.
  CONSOLE_MAX_PARQUET_GROUP_ROWS: z.coerce
    .number({ message: "CONSOLE_MAX_PARQUET_GROUP_ROWS must be a number of rows, e.g. 8388608" })
    .int()
    .min(1)
    .default(8 * 2 ** 20),
  CONSOLE_MAX_CSV_LINE_KB: z.coerce
    .number({ message: "CONSOLE_MAX_CSV_LINE_KB must be a number of KiB, e.g. 64" })
    .int()
    .min(1)
    .max(64 * 1024)
    .default(64),
});

function megabytes(name: string, fallback: number) {
  return z.coerce
    .number({ message: `${name} must be a number of MiB, e.g. ${fallback}` })
    .int()
    .min(1, `${name}: at least 1 MiB`)
    .max(1024 * 1024, `${name}: at most 1 TiB`)
    .default(fallback);
}

const list = (v: string) =>
  v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

type AuthEnv = {
  /** False: no sign-in configured, the local user is operator (the server only binds to loopback). */
  enabled: boolean;
  secret: string;
  /** The console's public URL when set (AUTH_URL); decides secure cookies behind a TLS proxy. */
  url: string | undefined;
  oidc: { issuer: string; clientId: string; clientSecret: string; name: string; groupsClaim: string } | null;
  roles: {
    operatorGroups: string[];
    viewerGroups: string[];
    operatorEmails: string[];
    viewerEmails: string[];
    trustEmailWithoutVerifiedClaim: boolean;
  };
  /** Static credentials: user name → scrypt hash and role. */
  staticUsers: { name: string; passwordHash: string; role: "operator" | "viewer" }[];
  sessionMaxAgeSeconds: number;
};

type ServerEnv = {
  endpoint: string | undefined;
  /** AWS_ENDPOINT_URL names this machine: an emulator (the demo's moto), never a real AWS account. */
  emulator: boolean;
  /** From AWS_REGION / AWS_DEFAULT_REGION; undefined lets the SDK read the profile. */
  region: string | undefined;
  readOnly: boolean;
  dataDir: string;
  scanConcurrency: number;
  /** Minutes between scheduled full scans; 0: none. */
  inventoryRescanMinutes: number;
  accountsFile: string | undefined;
  organizationRoleName: string | undefined;
  accountConcurrency: number;
  /** CONSOLE_CONFIG_AGGREGATOR parsed; undefined: the inventory source is Settings' (direct by default). */
  configAggregator: { name: string; region: string } | undefined;
  configConcurrency: number;
  /** Minutes between incremental passes from the aggregator; 0: on demand only. */
  configIncrementalMinutes: number;
  configRetryMs: number;
  /** Read new CloudTrail files into the usage store when the server starts (default on). */
  ingestOnStart: boolean;
  /** The Data Export read when Settings names none (s3://bucket/prefix/export). */
  billSource: string | undefined;
  awsTimeoutMs: number;
  auth: AuthEnv;
  mutationsPerMinute: number;
  /** Hosts (and so origins) the console answers to; every other Host is refused. */
  allowedHosts: AllowedHost[];
  /** Caps on what one file read from S3 may hold, decompressed, in bytes (a Parquet row group in rows; a longer CSV line is an error too). */
  limits: {
    logFileBytes: number;
    inventoryFileBytes: number;
    billFileBytes: number;
    manifestBytes: number;
    parquetPageBytes: number;
    parquetGroupRows: number;
    csvLineBytes: number;
  };
};

/** The variables the server reads: the schema's keys (a test checks that empty means unset for each). */
export const settingNames = Object.keys(envSchema.shape) as readonly string[];

/** The parsed environment: the same in every bundle's copy, since process.env is. */
const envCache: { env?: ServerEnv } = {};

export function serverEnv(): ServerEnv {
  envCache.env ??= parseServerEnv(process.env);
  return envCache.env;
}

/** The configuration the environment describes, or an "Invalid configuration" error saying what to set. */
export function parseServerEnv(environment: Record<string, string | undefined>): ServerEnv {
  const source = setValues(environment);
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  // The same rule scripts/start.mjs applies before binding, so server and launcher agree.
  const setup = authSetup(source);
  const hosts = hostPolicy(source);
  const problems = [...setup.problems, ...hosts.problems];
  if (problems.length > 0) throw new Error(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  const staticUsers: AuthEnv["staticUsers"] = [];
  if (e.CONSOLE_ADMIN_PASSWORD_HASH)
    staticUsers.push({ name: e.CONSOLE_ADMIN_USER, passwordHash: e.CONSOLE_ADMIN_PASSWORD_HASH, role: "operator" });
  if (e.CONSOLE_VIEWER_PASSWORD_HASH)
    staticUsers.push({ name: e.CONSOLE_VIEWER_USER, passwordHash: e.CONSOLE_VIEWER_PASSWORD_HASH, role: "viewer" });
  return {
    endpoint: e.AWS_ENDPOINT_URL,
    emulator: e.AWS_ENDPOINT_URL !== undefined && isLoopback(new URL(e.AWS_ENDPOINT_URL).hostname),
    region: e.AWS_REGION ?? e.AWS_DEFAULT_REGION,
    readOnly: e.CONSOLE_READ_ONLY,
    dataDir: e.CONSOLE_DATA_DIR,
    scanConcurrency: e.CONSOLE_SCAN_CONCURRENCY,
    inventoryRescanMinutes: e.CONSOLE_INVENTORY_RESCAN_MINUTES,
    accountsFile: e.CONSOLE_ACCOUNTS_FILE,
    organizationRoleName: e.CONSOLE_ORGANIZATION_ROLE_NAME,
    accountConcurrency: e.CONSOLE_ACCOUNT_CONCURRENCY,
    configAggregator: e.CONSOLE_CONFIG_AGGREGATOR
      ? { name: e.CONSOLE_CONFIG_AGGREGATOR.split("@")[0]!, region: e.CONSOLE_CONFIG_AGGREGATOR.split("@")[1]! }
      : undefined,
    configConcurrency: e.CONSOLE_CONFIG_CONCURRENCY,
    configIncrementalMinutes: e.CONSOLE_CONFIG_INCREMENTAL_MINUTES,
    configRetryMs: e.CONSOLE_CONFIG_RETRY_MS,
    awsTimeoutMs: e.CONSOLE_AWS_TIMEOUT_MS,
    ingestOnStart: e.CONSOLE_INGEST_ON_START,
    billSource: e.CONSOLE_BILL_SOURCE,
    auth: {
      enabled: setup.enabled,
      secret: e.AUTH_SECRET ?? "",
      url: e.AUTH_URL,
      oidc: setup.oidc
        ? {
            issuer: e.AUTH_OIDC_ISSUER!,
            clientId: e.AUTH_OIDC_ID!,
            clientSecret: e.AUTH_OIDC_SECRET!,
            name: e.AUTH_OIDC_NAME,
            groupsClaim: e.CONSOLE_OIDC_GROUPS_CLAIM,
          }
        : null,
      roles: {
        operatorGroups: list(e.CONSOLE_OPERATOR_GROUPS),
        viewerGroups: list(e.CONSOLE_VIEWER_GROUPS),
        operatorEmails: list(e.CONSOLE_OPERATOR_EMAILS),
        viewerEmails: list(e.CONSOLE_VIEWER_EMAILS),
        trustEmailWithoutVerifiedClaim: e.CONSOLE_OIDC_TRUST_EMAIL_WITHOUT_VERIFIED_CLAIM,
      },
      staticUsers,
      sessionMaxAgeSeconds: Math.round(e.CONSOLE_SESSION_HOURS * 3600),
    },
    mutationsPerMinute: e.CONSOLE_MUTATIONS_PER_MINUTE,
    allowedHosts: hosts.hosts,
    limits: {
      logFileBytes: e.CONSOLE_MAX_LOG_FILE_MB * 2 ** 20,
      inventoryFileBytes: e.CONSOLE_MAX_INVENTORY_FILE_MB * 2 ** 20,
      billFileBytes: e.CONSOLE_MAX_BILL_FILE_MB * 2 ** 20,
      manifestBytes: e.CONSOLE_MAX_MANIFEST_MB * 2 ** 20,
      parquetPageBytes: e.CONSOLE_MAX_PARQUET_PAGE_MB * 2 ** 20,
      parquetGroupRows: e.CONSOLE_MAX_PARQUET_GROUP_ROWS,
      csvLineBytes: e.CONSOLE_MAX_CSV_LINE_KB * 1024,
    },
  };
}
