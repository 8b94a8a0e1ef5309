// Real-format CloudTrail records and log files, for the demo scenario, the integration
// tests and the ingestion benchmark. Field names and shapes follow what CloudTrail
// delivers for KMS calls that S3 makes on a caller's behalf (invokedBy s3.amazonaws.com).
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";

export type Rng = () => number;

/** mulberry32, seeded from a string: the same seed always yields the same sequence. */
export function seededRng(seed: string): Rng {
  let a = createHash("sha256").update(seed).digest().readUInt32LE(0);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex8 = (rng: Rng) =>
  Math.floor(rng() * 4294967296)
    .toString(16)
    .padStart(8, "0");

function uuid(rng: Rng): string {
  const hex = hex8(rng) + hex8(rng) + hex8(rng) + hex8(rng);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A stable, key-id-shaped ARN for a named demo key (the emulator's own ids change per run). */
export function stableKeyArn(region: string, account: string, name: string): string {
  return `arn:aws:kms:${region}:${account}:key/${uuid(seededRng(`key:${name}`))}`;
}

export type Principal = { kind: "role"; name: string; session: string } | { kind: "user"; name: string };

const idPart = (name: string) =>
  name
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "")
    .slice(0, 12);

function userIdentity(account: string, p: Principal, rng: Rng, invokedBy?: string) {
  const accessKeyId = `ASIA${hex8(rng).toUpperCase()}${hex8(rng).toUpperCase().slice(0, 4)}`;
  const base =
    p.kind === "role"
      ? {
          type: "AssumedRole",
          principalId: `AROA${idPart(p.name)}:${p.session}`,
          arn: `arn:aws:sts::${account}:assumed-role/${p.name}/${p.session}`,
          accountId: account,
          accessKeyId,
          sessionContext: {
            sessionIssuer: {
              type: "Role",
              principalId: `AROA${idPart(p.name)}`,
              arn: `arn:aws:iam::${account}:role/${p.name}`,
              accountId: account,
              userName: p.name,
            },
            attributes: { creationDate: "2026-01-01T00:00:00Z", mfaAuthenticated: "false" },
          },
        }
      : {
          type: "IAMUser",
          principalId: `AIDA${idPart(p.name)}`,
          arn: `arn:aws:iam::${account}:user/${p.name}`,
          accountId: account,
          accessKeyId,
          userName: p.name,
        };
  return invokedBy ? { ...base, invokedBy } : base;
}

const envelope = (account: string, rng: Rng) => ({
  requestID: uuid(rng),
  eventID: uuid(rng),
  eventType: "AwsApiCall",
  managementEvent: true,
  recipientAccountId: account,
  eventCategory: "Management",
});

type S3KmsCall = {
  time: Date;
  region: string;
  account: string;
  bucket: string;
  /** Object key for an object-level call; omitted for a bucket-level (Bucket Key) call. */
  objectKey?: string;
  operation: "GenerateDataKey" | "Decrypt";
  keyArn: string;
  principal: Principal;
};

/** The KMS record CloudTrail writes when S3 calls KMS for an SSE-KMS object. */
export function s3KmsRecord(call: S3KmsCall, rng: Rng) {
  const context = {
    "aws:s3:arn": `arn:aws:s3:::${call.bucket}${call.objectKey === undefined ? "" : `/${call.objectKey}`}`,
  };
  return {
    eventVersion: "1.08",
    userIdentity: userIdentity(call.account, call.principal, rng, "s3.amazonaws.com"),
    eventTime: call.time.toISOString().replace(/\.\d{3}Z$/, "Z"),
    eventSource: "kms.amazonaws.com",
    eventName: call.operation,
    awsRegion: call.region,
    sourceIPAddress: "s3.amazonaws.com",
    userAgent: "s3.amazonaws.com",
    requestParameters:
      call.operation === "GenerateDataKey"
        ? { encryptionContext: context, keyId: call.keyArn, keySpec: "AES_256" }
        : { encryptionContext: context, encryptionAlgorithm: "SYMMETRIC_DEFAULT" },
    responseElements: null,
    readOnly: true,
    resources: [{ accountId: call.account, type: "AWS::KMS::Key", ARN: call.keyArn }],
    ...envelope(call.account, rng),
  };
}

/** Records the usage parser must ignore: other KMS callers, KMS reads, other services, failed calls. */
export function noiseRecord(kind: number, time: Date, region: string, account: string, keyArn: string, rng: Rng) {
  const when = time.toISOString().replace(/\.\d{3}Z$/, "Z");
  const app: Principal = { kind: "role", name: "payments-app", session: "i-0a1b2c3d4e5f" };
  const common = { eventVersion: "1.08", eventTime: when, awsRegion: region, ...envelope(account, rng) };
  switch (kind % 6) {
    case 0: // Secrets Manager decrypting a secret: a KMS call, but not S3's.
      return {
        ...common,
        userIdentity: userIdentity(account, app, rng, "secretsmanager.amazonaws.com"),
        eventSource: "kms.amazonaws.com",
        eventName: "Decrypt",
        sourceIPAddress: "secretsmanager.amazonaws.com",
        userAgent: "secretsmanager.amazonaws.com",
        requestParameters: {
          encryptionContext: {
            SecretARN: `arn:aws:secretsmanager:${region}:${account}:secret:prod/db-AbCdEf`,
            SecretVersionId: uuid(rng),
          },
          encryptionAlgorithm: "SYMMETRIC_DEFAULT",
        },
        responseElements: null,
        readOnly: true,
        resources: [{ accountId: account, type: "AWS::KMS::Key", ARN: keyArn }],
      };
    case 1: // Lambda environment variables.
      return {
        ...common,
        userIdentity: userIdentity(account, { kind: "role", name: "checkout-fn", session: "checkout-fn" }, rng),
        eventSource: "kms.amazonaws.com",
        eventName: "Decrypt",
        sourceIPAddress: "lambda.amazonaws.com",
        userAgent: "lambda.amazonaws.com",
        requestParameters: {
          encryptionContext: { LambdaFunctionName: "checkout-fn" },
          encryptionAlgorithm: "SYMMETRIC_DEFAULT",
        },
        responseElements: null,
        readOnly: true,
        resources: [{ accountId: account, type: "AWS::KMS::Key", ARN: keyArn }],
      };
    case 2: // A console user looking at the key.
      return {
        ...common,
        userIdentity: userIdentity(account, { kind: "user", name: "alice" }, rng),
        eventSource: "kms.amazonaws.com",
        eventName: "DescribeKey",
        sourceIPAddress: "203.0.113.10",
        userAgent: "console.amazonaws.com",
        requestParameters: { keyId: keyArn },
        responseElements: null,
        readOnly: true,
        resources: [{ accountId: account, type: "AWS::KMS::Key", ARN: keyArn }],
      };
    case 3:
      return {
        ...common,
        userIdentity: userIdentity(account, app, rng),
        eventSource: "sts.amazonaws.com",
        eventName: "AssumeRole",
        sourceIPAddress: "ec2.amazonaws.com",
        userAgent: "ec2.amazonaws.com",
        requestParameters: { roleArn: `arn:aws:iam::${account}:role/payments-app`, roleSessionName: "i-0a1b2c3d4e5f" },
        responseElements: { credentials: { accessKeyId: "ASIAEXAMPLE", expiration: when } },
        readOnly: true,
      };
    case 4:
      return {
        ...common,
        userIdentity: userIdentity(account, { kind: "user", name: "bob" }, rng),
        eventSource: "ec2.amazonaws.com",
        eventName: "DescribeInstances",
        sourceIPAddress: "198.51.100.7",
        userAgent: "aws-cli/2.15.0",
        requestParameters: { instancesSet: {}, filterSet: {} },
        responseElements: null,
        readOnly: true,
      };
    default: // A call with the disabled legacy key: S3 asked, KMS refused — not billed, not counted.
      return {
        ...s3KmsRecord(
          {
            time,
            region,
            account,
            bucket: "bkc-demo-legacy-exports",
            objectKey: `exports/${Math.floor(rng() * 1e6)}.csv`,
            operation: "Decrypt",
            keyArn,
            principal: app,
          },
          rng,
        ),
        errorCode: "DisabledException",
        errorMessage: `${keyArn} is disabled.`,
      };
  }
}

const pad = (n: number) => String(n).padStart(2, "0");

/** AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/<account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<16 chars>.json.gz */
export function logFileKey(account: string, region: string, delivered: Date, unique: string): string {
  const [y, m, d, h, min] = [
    delivered.getUTCFullYear(),
    pad(delivered.getUTCMonth() + 1),
    pad(delivered.getUTCDate()),
    pad(delivered.getUTCHours()),
    pad(delivered.getUTCMinutes()),
  ];
  const id = createHash("sha256").update(unique).digest("base64url").replace(/[-_]/g, "x").slice(0, 16);
  return `AWSLogs/${account}/CloudTrail/${region}/${y}/${m}/${d}/${account}_CloudTrail_${region}_${y}${m}${d}T${h}${min}Z_${id}.json.gz`;
}

/** The gzipped body CloudTrail delivers: {"Records":[...]}. Deterministic bytes for the same records. */
export function logFileBody(records: readonly unknown[]): Buffer {
  return gzipSync(JSON.stringify({ Records: records }));
}

export type S3BucketChange = {
  time: Date;
  region: string;
  account: string;
  bucket: string;
  event:
    | "CreateBucket"
    | "DeleteBucket"
    | "PutBucketEncryption"
    | "DeleteBucketEncryption"
    | "PutBucketVersioning"
    | "PutBucketReplication"
    | "DeleteBucketReplication";
  principal: Principal;
  /** The caller's User-Agent as CloudTrail records it (the console's SDK clients add bucket-key-console). */
  userAgent?: string;
};

/** The management event CloudTrail writes for a bucket-level S3 call (S3 console, CLI, Terraform, …). */
export function s3BucketChangeRecord(change: S3BucketChange, rng: Rng) {
  const host = `${change.bucket}.s3.${change.region}.amazonaws.com`;
  const bodies: Partial<Record<S3BucketChange["event"], Record<string, unknown>>> = {
    PutBucketEncryption: {
      encryption: "",
      ServerSideEncryptionConfiguration: {
        xmlns: "http://s3.amazonaws.com/doc/2006-03-01/",
        Rule: { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms" }, BucketKeyEnabled: true },
      },
    },
    PutBucketVersioning: {
      versioning: "",
      VersioningConfiguration: { xmlns: "http://s3.amazonaws.com/doc/2006-03-01/", Status: "Enabled" },
    },
    CreateBucket:
      change.region === "us-east-1"
        ? {}
        : {
            CreateBucketConfiguration: {
              LocationConstraint: change.region,
              xmlns: "http://s3.amazonaws.com/doc/2006-03-01/",
            },
          },
  };
  return {
    eventVersion: "1.09",
    userIdentity: userIdentity(change.account, change.principal, rng),
    eventTime: change.time.toISOString().replace(/\.\d{3}Z$/, "Z"),
    eventSource: "s3.amazonaws.com",
    eventName: change.event,
    awsRegion: change.region,
    sourceIPAddress: "203.0.113.24",
    userAgent:
      change.userAgent ?? "[aws-cli/2.15.30 md/awscrt#0.19.19 ua/2.0 os/linux#6.1 md/arch#x86_64 command/s3api]",
    requestParameters: { bucketName: change.bucket, Host: host, ...bodies[change.event] },
    responseElements: null,
    additionalEventData: {
      SignatureVersion: "SigV4",
      CipherSuite: "TLS_AES_128_GCM_SHA256",
      bytesTransferredIn: 0,
      AuthenticationMethod: "AuthHeader",
      "x-amz-id-2": hex8(rng) + hex8(rng),
      bytesTransferredOut: 0,
    },
    readOnly: false,
    resources: [{ accountId: change.account, type: "AWS::S3::Bucket", ARN: `arn:aws:s3:::${change.bucket}` }],
    ...envelope(change.account, rng),
    tlsDetails: { tlsVersion: "TLSv1.3", cipherSuite: "TLS_AES_128_GCM_SHA256", clientProvidedHostHeader: host },
  };
}
