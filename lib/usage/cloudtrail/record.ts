// CloudTrail record → KMS usage fact, or the reason it does not count. Pure: no I/O, so
// the same function serves trail log files, LookupEvents and the benchmark.
//
// S3 calls KMS on the caller's behalf with the encryption context
// {"aws:s3:arn": "arn:aws:s3:::bucket/key"} (object-level: no Bucket Key) or
// {"aws:s3:arn": "arn:aws:s3:::bucket"} (bucket-level: the Bucket Key's data key).
// Everything else (other services, other KMS callers, failed calls) is counted as
// ignored, never as an error: a trail is full of events that are not ours.

export type UsageLevel = "object" | "bucket";

type UsageFact = {
  bucket: string;
  /** Start of the event's hour, in whole hours since the Unix epoch. */
  hour: number;
  /** Minute within the hour, 0–59: the refresh-window slot and the per-minute peak come from it. */
  minute: number;
  operation: string;
  level: UsageLevel;
  /** The KMS key's ARN as the record names it; "" when the record does not say. */
  keyArn: string;
  /** Who asked S3, per session (userIdentity.arn, else principalId): Bucket Keys are cached per requester. */
  principal: string;
  /**
   * The role behind an assumed-role session (sessionContext.sessionIssuer.arn), else the principal itself.
   * AWS lets sessions of one role share a bucket-level key when their session policies match (AWS Storage
   * blog, "Enhance savings for read-heavy workloads with Amazon S3 Bucket Keys"), so the per-role count is
   * the lower bound of the calls a Bucket Key makes and the per-session count the upper one.
   */
  role: string;
  region: string;
};

export type IgnoreReason = "not-kms" | "other-operation" | "failed-call" | "no-s3-context" | "malformed";

export type ParsedRecord = { kind: "fact"; fact: UsageFact } | { kind: "ignored"; reason: IgnoreReason };

/** KMS operations S3 makes for SSE-KMS (ReEncrypt shows up from CopyObject-style key changes). */
const s3KmsOperations = new Set([
  "GenerateDataKey",
  "GenerateDataKeyWithoutPlaintext",
  "Decrypt",
  "Encrypt",
  "ReEncrypt",
]);

const hourMs = 3_600_000;

// The two helpers below run once per record: plain string operations instead of a regex
// and Date.parse keep parsing close to JSON.parse's own cost (see bench/ingest.ts).

/** "arn:aws:s3:::bucket/key" → bucket and level; partitions aws, aws-cn, aws-us-gov. */
function parseS3Arn(arn: string): { bucket: string; level: UsageLevel } | null {
  if (!arn.startsWith("arn:aws")) return null;
  const at = arn.indexOf(":s3:::");
  if (at < 0 || arn.indexOf(":", 4) !== at) return null;
  const slash = arn.indexOf("/", at + 6);
  const bucket = slash < 0 ? arn.slice(at + 6) : arn.slice(at + 6, slash);
  if (!bucket) return null;
  return { bucket, level: slash >= 0 && slash < arn.length - 1 ? "object" : "bucket" };
}

const hourCache = new Map<string, number>();

/** CloudTrail writes eventTime as YYYY-MM-DDTHH:MM:SSZ: the hour is memoized on its first 13 characters. */
function hourOf(eventTime: string): number {
  const canonical = eventTime.length === 20 && eventTime[10] === "T" && eventTime[19] === "Z";
  const cached = canonical ? hourCache.get(eventTime.slice(0, 13)) : undefined;
  if (cached !== undefined) return cached;
  const time = Date.parse(eventTime);
  if (Number.isNaN(time)) return Number.NaN;
  const hour = Math.floor(time / hourMs);
  if (canonical) {
    if (hourCache.size > 50_000) hourCache.clear();
    hourCache.set(eventTime.slice(0, 13), hour);
  }
  return hour;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Json) : undefined;
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** The minute within the hour: read from the canonical form's characters 14–15, else via Date.parse. */
function minuteOf(eventTime: string): number {
  if (eventTime.length === 20 && eventTime[16] === ":") {
    const tens = eventTime.charCodeAt(14) - 48;
    const ones = eventTime.charCodeAt(15) - 48;
    if (tens >= 0 && tens <= 5 && ones >= 0 && ones <= 9) return tens * 10 + ones;
  }
  return new Date(Date.parse(eventTime)).getUTCMinutes();
}

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

function requesterOf(record: Json): { principal: string; role: string } {
  const identity = obj(record.userIdentity);
  const principal =
    str(identity?.arn) ?? str(identity?.principalId) ?? str(identity?.invokedBy) ?? str(identity?.type) ?? "unknown";
  const issuer =
    identity?.type === "AssumedRole" ? str(obj(obj(identity.sessionContext)?.sessionIssuer)?.arn) : undefined;
  return { principal, role: issuer ?? principal };
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
  const s3 = arn ? parseS3Arn(arn) : null;
  if (!params || !s3) return ignored("no-s3-context");
  const eventTime = str(record.eventTime) ?? "";
  const hour = hourOf(eventTime);
  const region = str(record.awsRegion);
  if (Number.isNaN(hour) || !region) return ignored("malformed");
  return {
    kind: "fact",
    fact: {
      bucket: s3.bucket,
      hour,
      minute: minuteOf(eventTime),
      operation,
      level: s3.level,
      keyArn: kmsKeyArn(record, params),
      ...requesterOf(record),
      region,
    },
  };
}

/**
 * The demo's log files stand for a real team's volume without writing every call (scripts/demo-cloudtrail.ts): a
 * record may carry `bucketKeyConsoleDemoCalls: N`, counted as N calls. CloudTrail never writes the field, and the
 * console reads it only from an emulator (ingest-files.ts), so a real trail's files always count one call a record.
 */
export function demoCallsOf(record: unknown): number {
  const n = obj(record)?.bucketKeyConsoleDemoCalls;
  return typeof n === "number" && Number.isSafeInteger(n) && n >= 1 && n <= maxDemoCalls ? n : 1;
}

/** Bounds a record's weight: a minute's tally stays far below the 2^32 of its counter. */
const maxDemoCalls = 100_000;

export const hourToIso = (hour: number): string => new Date(hour * hourMs).toISOString();
export const isoToHour = (iso: string): number => Math.floor(Date.parse(iso) / hourMs);
