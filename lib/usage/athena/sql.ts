// The SQL of the Athena usage source. Pure: the DDL shown to the user before anything is
// created, and the aggregation that returns what file ingestion stores (aggregate.ts),
// with the same rules as cloudtrail-record.ts. Every name and value that reaches the SQL
// is validated here first; nothing the user types is spliced in unchecked.

import { AppError } from "@/lib/contracts/errors";
import { isAwsRegion } from "@/lib/contracts/region";
import { awsRegionsByPartition } from "@/lib/contracts/aws-regions";

export type AthenaTable = { database: string; table: string };

export type TrailTableSpec = AthenaTable & {
  bucket: string;
  /** The trail's S3 key prefix, without slashes at either end; "" for none. */
  prefix: string;
  account: string;
  /** Organization trails write under AWSLogs/<org-id>/<account>/. */
  orgId?: string;
  /** Partition projection enumerates regions: a region missing here is never read. */
  regions: readonly string[];
};

const identifier = /^[a-z_][a-z0-9_]{0,127}$/;
const bucketName = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
// Letters, digits and the punctuation S3 prefixes commonly use; no quotes, backslashes or "${".
const prefixPattern = /^[A-Za-z0-9!_.*()/ -]{0,900}$/;

function checkRegion(value: string): string {
  if (!isAwsRegion(value)) throw new AppError("invalid_input", `Region "${value}" is not allowed: not a region name`);
  return value;
}

function check(value: string, pattern: RegExp, what: string, hint: string): string {
  if (!pattern.test(value)) throw new AppError("invalid_input", `${what} "${value}" is not allowed: ${hint}`);
  return value;
}

const checkIdentifier = (name: string, what: string) =>
  check(name, identifier, what, "use lower-case letters, digits and underscores, starting with a letter or underscore");

/**
 * The regions CloudTrail delivers from (commercial partition; a multi-region trail writes a folder per region): the
 * AWS SDK's own list (lib/contracts/aws-regions.ts), not a copy that ages.
 */
export const trailRegions = awsRegionsByPartition.aws!;

/** s3://bucket/prefix/AWSLogs/[org-id/]account/CloudTrail/ — where the region folders are. */
export function trailLogRoot(spec: Pick<TrailTableSpec, "bucket" | "prefix" | "account" | "orgId">): string {
  check(spec.bucket, bucketName, "Bucket", "not an S3 bucket name");
  check(spec.prefix, prefixPattern, "Trail prefix", "the console only reads prefixes of letters, digits and !_.*()/- ");
  check(spec.account, /^\d{12}$/, "Account", "an account id has 12 digits");
  if (spec.orgId !== undefined) check(spec.orgId, /^o-[a-z0-9]{10,32}$/, "Organization id", "not an organization id");
  return `s3://${spec.bucket}/${spec.prefix ? `${spec.prefix}/` : ""}AWSLogs/${spec.orgId ? `${spec.orgId}/` : ""}${spec.account}/CloudTrail/`;
}

const qualifiedDdl = (t: AthenaTable) =>
  `\`${checkIdentifier(t.database, "Database")}\`.\`${checkIdentifier(t.table, "Table")}\``;
export const qualifiedDml = (t: AthenaTable) =>
  `"${checkIdentifier(t.database, "Database")}"."${checkIdentifier(t.table, "Table")}"`;

export const createDatabaseSql = (database: string) =>
  `CREATE DATABASE IF NOT EXISTS \`${checkIdentifier(database, "Database")}\``;

/**
 * AWS's documented CloudTrail table (CloudTrailSerde: requestparameters stays JSON text)
 * with partition projection on region and delivery date, so Athena never needs
 * MSCK REPAIR or ALTER TABLE ADD PARTITION as days go by.
 */
export function createTableSql(spec: TrailTableSpec): string {
  const root = trailLogRoot(spec);
  if (spec.regions.length === 0)
    throw new AppError("invalid_input", "Name at least one region the trail writes logs for.");
  const regions = spec.regions.map(checkRegion).join(",");
  return `CREATE EXTERNAL TABLE IF NOT EXISTS ${qualifiedDdl(spec)} (
  eventversion STRING,
  useridentity STRUCT<
    type: STRING, principalid: STRING, arn: STRING, accountid: STRING, invokedby: STRING, accesskeyid: STRING, username: STRING,
    sessioncontext: STRUCT<
      attributes: STRUCT<mfaauthenticated: STRING, creationdate: STRING>,
      sessionissuer: STRUCT<type: STRING, principalid: STRING, arn: STRING, accountid: STRING, username: STRING>,
      ec2roledelivery: STRING,
      webidfederationdata: STRUCT<federatedprovider: STRING, attributes: MAP<STRING, STRING>>>>,
  eventtime STRING,
  eventsource STRING,
  eventname STRING,
  awsregion STRING,
  sourceipaddress STRING,
  useragent STRING,
  errorcode STRING,
  errormessage STRING,
  requestparameters STRING,
  responseelements STRING,
  additionaleventdata STRING,
  requestid STRING,
  eventid STRING,
  resources ARRAY<STRUCT<arn: STRING, accountid: STRING, type: STRING>>,
  eventtype STRING,
  apiversion STRING,
  readonly STRING,
  recipientaccountid STRING,
  serviceeventdetails STRING,
  sharedeventid STRING,
  vpcendpointid STRING,
  eventcategory STRING,
  tlsdetails STRUCT<tlsversion: STRING, ciphersuite: STRING, clientprovidedhostheader: STRING>
)
PARTITIONED BY (region STRING, \`date\` STRING)
ROW FORMAT SERDE 'com.amazon.emr.hive.serde.CloudTrailSerde'
STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'
OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
LOCATION '${root}'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.region.type' = 'enum',
  'projection.region.values' = '${regions}',
  'projection.date.type' = 'date',
  'projection.date.format' = 'yyyy/MM/dd',
  'projection.date.range' = '2013/11/01,NOW',
  'projection.date.interval' = '1',
  'projection.date.interval.unit' = 'DAYS',
  'storage.location.template' = '${root}\${region}/\${date}'
)`;
}

const hourMs = 3_600_000;
const dayFolder = (ms: number) => new Date(ms).toISOString().slice(0, 10).replaceAll("-", "/");
const kmsOperations = ["GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "Decrypt", "Encrypt", "ReEncrypt"];

/** The result's columns, in order: one query returns both the request counts and the principals (GROUPING SETS, one scan). */
export const usageColumns = [
  "kind",
  "bucket",
  "hour",
  "operation",
  "level",
  "key_arn",
  "region",
  "principal",
  "requests",
] as const;

const s3Arn = (field: string) => `nullif(json_extract_scalar(requestparameters, '$.${field}["aws:s3:arn"]'), '')`;

/**
 * KMS requests S3 made in hours [fromHour, toHour): per bucket × hour × operation × level × key × region
 * (kind 'requests') and the distinct principals per bucket-hour (kind 'principal').
 * Files sit in the folder of the day they were delivered, which is the event's day or a later one:
 * the date partitions read run from the first hour's day to the day after the last hour.
 */
export function usageQuerySql(table: AthenaTable, fromHour: number, toHour: number): string {
  if (!Number.isSafeInteger(fromHour) || !Number.isSafeInteger(toHour) || fromHour >= toHour) {
    throw new AppError("invalid_input", "The refresh window must be a non-empty range of whole hours.");
  }
  return `WITH calls AS (
  SELECT
    coalesce(${s3Arn("encryptionContext")}, ${s3Arn("destinationEncryptionContext")}, ${s3Arn("sourceEncryptionContext")}) AS s3_arn,
    CAST(floor(to_unixtime(try(from_iso8601_timestamp(eventtime))) / 3600) AS BIGINT) AS hour,
    eventname AS operation,
    coalesce(
      try(filter(resources, r -> strpos(r.arn, ':kms:') > 0 AND strpos(r.arn, ':key/') > 0)[1].arn),
      nullif(json_extract_scalar(requestparameters, '$.keyId'), ''),
      nullif(json_extract_scalar(requestparameters, '$.destinationKeyId'), ''),
      ''
    ) AS key_arn,
    coalesce(
      nullif(useridentity.arn, ''),
      nullif(useridentity.principalid, ''),
      nullif(useridentity.invokedby, ''),
      nullif(useridentity.type, ''),
      'unknown'
    ) AS principal,
    awsregion AS region
  FROM ${qualifiedDml(table)}
  WHERE "date" BETWEEN '${dayFolder(fromHour * hourMs)}' AND '${dayFolder((toHour - 1) * hourMs + 24 * hourMs)}'
    AND eventsource = 'kms.amazonaws.com'
    AND eventname IN (${kmsOperations.map((o) => `'${o}'`).join(", ")})
    AND coalesce(errorcode, '') = ''
    AND coalesce(awsregion, '') <> ''
),
facts AS (
  SELECT
    regexp_extract(s3_arn, '^arn:aws[^:]*:s3:::([^/]+)', 1) AS bucket,
    hour,
    operation,
    CASE WHEN coalesce(regexp_extract(s3_arn, '^arn:aws[^:]*:s3:::[^/]+/([\\s\\S])', 1), '') <> '' THEN 'object' ELSE 'bucket' END AS level,
    key_arn,
    principal,
    region
  FROM calls
  WHERE hour >= ${fromHour} AND hour < ${toHour}
)
SELECT
  CASE WHEN grouping(principal) = 1 THEN 'requests' ELSE 'principal' END AS kind,
  bucket, hour, operation, level, key_arn, region, principal, count(*) AS requests
FROM facts
WHERE coalesce(bucket, '') <> ''
GROUP BY GROUPING SETS ((bucket, hour, operation, level, key_arn, region), (bucket, hour, principal))`;
}
