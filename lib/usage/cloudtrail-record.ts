// CloudTrail record → KMS usage fact, or the reason it does not count. Pure: no I/O, so
// the same function serves trail log files, LookupEvents and the benchmark.
//
// S3 calls KMS on the caller's behalf with the encryption context
// {"aws:s3:arn": "arn:aws:s3:::bucket/key"} (object-level: no Bucket Key) or
// {"aws:s3:arn": "arn:aws:s3:::bucket"} (bucket-level: the Bucket Key's data key).
// Everything else (other services, other KMS callers, failed calls) is counted as
// ignored, never as an error: a trail is full of events that are not ours.

export type UsageLevel = "object" | "bucket";

export type UsageFact = {
  bucket: string;
  /** Start of the event's hour, in whole hours since the Unix epoch. */
  hour: number;
  operation: string;
  level: UsageLevel;
  /** The KMS key's ARN as the record names it; "" when the record does not say. */
  keyArn: string;
  /** Who asked S3 (userIdentity.arn, else principalId): Bucket Keys are cached per requester. */
  principal: string;
  region: string;
};

export const ignoreReasons = ["not-kms", "other-operation", "failed-call", "no-s3-context", "malformed"] as const;
export type IgnoreReason = (typeof ignoreReasons)[number];

export type ParsedRecord = { kind: "fact"; fact: UsageFact } | { kind: "ignored"; reason: IgnoreReason };

/** KMS operations S3 makes for SSE-KMS (ReEncrypt shows up from CopyObject-style key changes). */
const s3KmsOperations = new Set(["GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "Decrypt", "Encrypt", "ReEncrypt"]);

const s3ArnPattern = /^arn:aws[a-z-]*:s3:::([^/]+)(?:\/(.*))?$/s;
const hourMs = 3_600_000;

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Json) : undefined);
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

const ignored = (reason: IgnoreReason): ParsedRecord => ({ kind: "ignored", reason });

function s3ContextArn(params: Json): string | undefined {
  // ReEncrypt carries source/destination contexts instead of encryptionContext.
  for (const field of ["encryptionContext", "destinationEncryptionContext", "sourceEncryptionContext"]) {
    const arn = str(obj(params[field])?.["aws:s3:arn"]);
    if (arn) return arn;
  }
  return undefined;
}

function kmsKeyArn(record: Json, params: Json): string {
  const resources = Array.isArray(record.resources) ? record.resources : [];
  for (const r of resources) {
    const arn = str(obj(r)?.ARN);
    if (arn?.includes(":kms:") && arn.includes(":key/")) return arn;
  }
  // Older records and some callers only name the key in the request (id, ARN or alias).
  return str(params.keyId) ?? str(params.destinationKeyId) ?? "";
}

function principalOf(record: Json): string {
  const identity = obj(record.userIdentity);
  return str(identity?.arn) ?? str(identity?.principalId) ?? str(identity?.invokedBy) ?? str(identity?.type) ?? "unknown";
}

export function parseCloudTrailRecord(value: unknown): ParsedRecord {
  const record = obj(value);
  if (!record) return ignored("malformed");
  if (record.eventSource !== "kms.amazonaws.com") return ignored("not-kms");
  const operation = str(record.eventName);
  if (!operation || !s3KmsOperations.has(operation)) return ignored("other-operation");
  // Failed calls (AccessDenied, throttling) are not billed and produce no data key.
  if (str(record.errorCode)) return ignored("failed-call");
  const params = obj(record.requestParameters);
  const arn = params && s3ContextArn(params);
  const match = arn ? s3ArnPattern.exec(arn) : null;
  if (!params || !match) return ignored("no-s3-context");
  const time = Date.parse(str(record.eventTime) ?? "");
  const region = str(record.awsRegion);
  if (Number.isNaN(time) || !region) return ignored("malformed");
  return {
    kind: "fact",
    fact: {
      bucket: match[1]!,
      hour: Math.floor(time / hourMs),
      operation,
      level: match[2] ? "object" : "bucket",
      keyArn: kmsKeyArn(record, params),
      principal: principalOf(record),
      region,
    },
  };
}

export const hourToIso = (hour: number): string => new Date(hour * hourMs).toISOString();
export const isoToHour = (iso: string): number => Math.floor(Date.parse(iso) / hourMs);
