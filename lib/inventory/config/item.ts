import type { BucketPosture } from "@/lib/contracts/inventory";
import { isCandidate, summarizeEncryption } from "@/lib/inventory/summary";

// A bucket's configuration item, as SelectAggregateResourceConfig returns it, reshaped into a
// posture. The fields and their paths are those of the AWS Config resource schema
// (awslabs/aws-config-resource-schema, AWS::S3::Bucket.properties.json); a query's Results are
// JSON strings whose dotted paths are nested objects (arrays kept), e.g.
// {"supplementaryConfiguration":{"ServerSideEncryptionConfiguration":{"rules":[{…}]}}}.
// What Config does not record (key aliases, replication rules, the key's state) stays null: it is
// read through the account's role where one exists, and shown as "not known from Config" otherwise.

export const itemFields = [
  "accountId",
  "awsRegion",
  "resourceName",
  "resourceCreationTime",
  "configurationItemCaptureTime",
  "configurationItemStatus",
  "supplementaryConfiguration.ServerSideEncryptionConfiguration.rules.applyServerSideEncryptionByDefault.sseAlgorithm",
  "supplementaryConfiguration.ServerSideEncryptionConfiguration.rules.applyServerSideEncryptionByDefault.kmsMasterKeyID",
  "supplementaryConfiguration.ServerSideEncryptionConfiguration.rules.bucketKeyEnabled",
  "supplementaryConfiguration.BucketVersioningConfiguration.status",
] as const;

/** configurationItemStatus values that mean the bucket is gone. */
const deletedStatuses = new Set(["ResourceDeleted", "ResourceDeletedNotRecorded"]);

export type ConfigItem =
  | { deleted: false; account: string; region: string; name: string; capturedAt: string; posture: BucketPosture }
  | { deleted: true; account: string; region: string; name: string; capturedAt: string };

export class ItemShapeError extends Error {}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * supplementaryConfiguration parts are objects in query results; Config's other APIs
 * (GetResourceConfigHistory) carry them as JSON text, so both are read.
 */
function part(item: Json, name: string): Json | null {
  const supplementary = item.supplementaryConfiguration;
  if (!isObject(supplementary)) return null;
  let value = supplementary[name];
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      throw new ItemShapeError(`supplementaryConfiguration.${name} is neither an object nor JSON`);
    }
  }
  if (value === undefined || value === null) return null;
  if (!isObject(value)) throw new ItemShapeError(`supplementaryConfiguration.${name} is not an object`);
  return value;
}

function text(item: Json, field: string, required: true): string;
function text(item: Json, field: string, required: false): string | null;
function text(item: Json, field: string, required: boolean): string | null {
  const value = item[field];
  if (typeof value === "string" && value) return value;
  if (value === undefined || value === null) {
    if (required) throw new ItemShapeError(`${field} is missing`);
    return null;
  }
  throw new ItemShapeError(`${field} is not a string`);
}

function encryptionOf(item: Json): BucketPosture["encryption"] {
  const rules = part(item, "ServerSideEncryptionConfiguration")?.rules;
  if (rules !== undefined && !Array.isArray(rules))
    throw new ItemShapeError("ServerSideEncryptionConfiguration.rules is not a list");
  const rule = (rules ?? [])[0] as Json | undefined;
  const sse = isObject(rule?.applyServerSideEncryptionByDefault) ? rule.applyServerSideEncryptionByDefault : null;
  const algorithm = sse?.sseAlgorithm;
  const keyId = typeof sse?.kmsMasterKeyID === "string" && sse.kmsMasterKeyID ? sse.kmsMasterKeyID : undefined;
  const config =
    typeof algorithm === "string"
      ? {
          Rules: [
            {
              ApplyServerSideEncryptionByDefault: { SSEAlgorithm: algorithm as "aws:kms", KMSMasterKeyID: keyId },
              BucketKeyEnabled: rule?.bucketKeyEnabled === true,
            },
          ],
        }
      : null;
  // A key ARN is kept as the key's ARN; a key id or alias is shown as written: resolving it needs
  // KMS in the bucket's account, which is the role's job, never a guess.
  const arn = keyId && /^arn:aws[\w-]*:kms:[^:]+:\d{12}:key\//.test(keyId) ? keyId : null;
  return summarizeEncryption(config, keyId ? { arn, alias: null, problem: null } : null);
}

const versioningOf = (item: Json): BucketPosture["versioning"] => {
  const status = part(item, "BucketVersioningConfiguration")?.status;
  if (status === "Enabled" || status === "Suspended") return status;
  // Config records "Off" for a bucket that never had versioning.
  if (status === "Off" || status === undefined || status === null) return "Off";
  throw new ItemShapeError(`BucketVersioningConfiguration.status "${String(status)}" is not Enabled, Suspended or Off`);
};

/** One row of a query's Results (a JSON string), or an ItemShapeError naming what is wrong. */
export function parseItem(result: string, aggregator: string, readAt: string): ConfigItem {
  let item: unknown;
  try {
    item = JSON.parse(result);
  } catch {
    throw new ItemShapeError("a result is not JSON");
  }
  if (!isObject(item)) throw new ItemShapeError("a result is not a JSON object");
  const account = text(item, "accountId", true);
  if (!/^\d{12}$/.test(account)) throw new ItemShapeError(`accountId "${account}" is not a 12-digit account id`);
  const region = text(item, "awsRegion", true);
  const name = text(item, "resourceName", true);
  const capturedAt = text(item, "configurationItemCaptureTime", true);
  if (Number.isNaN(Date.parse(capturedAt)))
    throw new ItemShapeError(`configurationItemCaptureTime "${capturedAt}" is not a time`);
  const status = text(item, "configurationItemStatus", false);
  if (status && deletedStatuses.has(status)) return { deleted: true, account, region, name, capturedAt };
  const encryption = encryptionOf(item);
  const posture: BucketPosture = {
    name,
    account,
    region,
    createdAt: text(item, "resourceCreationTime", false),
    encryption,
    versioning: versioningOf(item),
    // Config records the replication role, not the rules: unknown here (read through the role on the bucket page).
    replication: null,
    candidate: isCandidate(encryption),
    error: null,
    readAt,
    source: { kind: "config", aggregator, capturedAt },
  };
  return { deleted: false, account, region, name, capturedAt, posture };
}
