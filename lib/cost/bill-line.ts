// Which lines of a Data Export (CUR 2.0) or legacy CUR are KMS request charges (pure).
//
// AWS names KMS usage types by region and kind. Public price lists and bills show the region
// as its full name (`us-east-1-KMS-Requests`, `eu-central-1-KMS-Requests`,
// `ap-south-1-KMS-Keys`); some tools and older bills show a billing region code instead
// (`USE1-KMS-Requests`, `APS3-KMS-Requests`); a usage type without a prefix is us-east-1's.
// After `KMS-Requests` comes the kind: nothing for symmetric-key requests (what S3 makes),
// `-Asymmetric` and `-GenerateDatakeyPair-RSA` / `-ECC` for the others. `KMS-Keys` is the monthly
// key charge, not requests. Anything else under product code `awskms` is returned as
// `unclassified` with the reason, so the caller shows it rather than dropping it.

export type RequestClass = "symmetric" | "asymmetric" | "generate-data-key-pair-rsa" | "generate-data-key-pair-ecc";

export type BillLine = {
  productCode: string;
  usageType: string;
  operation: string;
  /** `line_item_line_item_type`; null when the export leaves the column out. */
  lineItemType: string | null;
  /** `line_item_resource_id`; null or "" when the export has no resource ids. */
  resourceId: string | null;
};

export type LineClass =
  | { kind: "not-kms" }
  | { kind: "key-storage"; region: string }
  | {
      kind: "request";
      region: string;
      /** The key's ARN; "" when the export has no resource ids (the line is an account-region total). */
      keyArn: string;
      requestClass: RequestClass;
      operation: string;
    }
  | { kind: "unclassified"; reason: string };

/** KMS's API operations that are billed as requests (AWS KMS API reference). */
export const kmsRequestOperations: ReadonlySet<string> = new Set([
  "Decrypt",
  "DeriveSharedSecret",
  "Encrypt",
  "GenerateDataKey",
  "GenerateDataKeyPair",
  "GenerateDataKeyPairWithoutPlaintext",
  "GenerateDataKeyWithoutPlaintext",
  "GenerateMac",
  "GenerateRandom",
  "GetPublicKey",
  "ReEncrypt",
  "ReEncryptFrom",
  "ReEncryptTo",
  "Sign",
  "Verify",
  "VerifyMac",
  // Management calls are free, but a bill may still carry them as zero-cost request lines.
  "CreateGrant",
  "DescribeKey",
  "ListAliases",
  "ListKeys",
]);

/** The operations S3 makes on a bucket's behalf (SSE-KMS writes, reads and copies). */
export const s3KmsOperations: ReadonlySet<string> = new Set(["GenerateDataKey", "Decrypt", "ReEncrypt"]);

/** Billing region codes seen in usage-type prefixes, for bills that use them instead of region names. */
export const billingRegionCodes: Readonly<Record<string, string>> = {
  USE1: "us-east-1",
  USE2: "us-east-2",
  USW1: "us-west-1",
  USW2: "us-west-2",
  CAN1: "ca-central-1",
  EUC1: "eu-central-1",
  EUC2: "eu-central-2",
  EU: "eu-west-1",
  EUW1: "eu-west-1",
  EUW2: "eu-west-2",
  EUW3: "eu-west-3",
  EUN1: "eu-north-1",
  EUS1: "eu-south-1",
  APN1: "ap-northeast-1",
  APN2: "ap-northeast-2",
  APN3: "ap-northeast-3",
  APS1: "ap-southeast-1",
  APS2: "ap-southeast-2",
  APS3: "ap-south-1",
  APE1: "ap-east-1",
  SAE1: "sa-east-1",
  MES1: "me-south-1",
  AFS1: "af-south-1",
};

const regionName = /^[a-z]{2}(?:-[a-z]+)+-\d$/;
const usageTypePattern = /^(?:(.+?)-)?KMS-(Requests|Keys)(?:-(.+))?$/;
const requestVariants: Readonly<Record<string, RequestClass>> = {
  Asymmetric: "asymmetric",
  "GenerateDatakeyPair-RSA": "generate-data-key-pair-rsa",
  "GenerateDatakeyPair-ECC": "generate-data-key-pair-ecc",
};
const keyArnPattern = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):key\/[A-Za-z0-9-]+$/;

/** The region a usage-type prefix names, null when it names none the console knows. */
function prefixRegion(prefix: string | undefined): string | null {
  if (prefix === undefined) return "us-east-1";
  if (regionName.test(prefix)) return prefix;
  return billingRegionCodes[prefix] ?? null;
}

export function classifyBillLine(line: BillLine): LineClass {
  if (line.productCode !== "awskms") return { kind: "not-kms" };
  const match = usageTypePattern.exec(line.usageType);
  if (!match) return { kind: "unclassified", reason: `usage type ${line.usageType || "(empty)"} is not a KMS pattern` };
  const [, prefix, what, variant] = match;
  const region = prefixRegion(prefix);
  if (region === null) return { kind: "unclassified", reason: `usage type ${line.usageType} names no known region` };
  if (what === "Keys") return variant === undefined ? { kind: "key-storage", region } : unknownVariant(line);
  const requestClass = variant === undefined ? "symmetric" : requestVariants[variant];
  if (requestClass === undefined) return unknownVariant(line);
  if (line.lineItemType !== null && line.lineItemType !== "Usage")
    return { kind: "unclassified", reason: `${line.lineItemType} line, not usage: its cost is not a request charge` };
  if (!kmsRequestOperations.has(line.operation))
    return { kind: "unclassified", reason: `operation ${line.operation || "(empty)"} is not a KMS API operation` };
  const resource = line.resourceId ?? "";
  if (resource === "") return { kind: "request", region, keyArn: "", requestClass, operation: line.operation };
  const arn = keyArnPattern.exec(resource);
  if (!arn) return { kind: "unclassified", reason: `resource ${resource} is not a KMS key ARN` };
  if (arn[1] !== region)
    return {
      kind: "unclassified",
      reason: `usage type ${line.usageType} is billed in ${region}, its key is in ${arn[1]}`,
    };
  return { kind: "request", region, keyArn: resource, requestClass, operation: line.operation };
}

function unknownVariant(line: BillLine): LineClass {
  return { kind: "unclassified", reason: `usage type ${line.usageType} is a KMS kind the console does not know` };
}

/** UTC day (YYYY-MM-DD) of a line's usage start, from a Date, epoch milliseconds or an ISO-8601 string. */
export function usageDay(start: unknown): string | null {
  const ms =
    start instanceof Date
      ? start.getTime()
      : typeof start === "number" || typeof start === "bigint"
        ? Number(start)
        : typeof start === "string"
          ? Date.parse(start.includes("T") || start.length <= 10 ? start : `${start.replace(" ", "T")}Z`)
          : NaN;
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : null;
}

/** Costs are summed in integer units of 1e-10 USD, so any reader that rounds the same way gets the same totals. */
export const costUnitsPerUsd = 1e10;
export const toCostUnits = (usd: number): number => Math.round(usd * costUnitsPerUsd);
