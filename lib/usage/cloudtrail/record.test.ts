import { test } from "node:test";
import assert from "node:assert/strict";
import { hourToIso, isoToHour, parseCloudTrailRecord } from "./record";

// A GenerateDataKey that S3 made for a PutObject without a Bucket Key, as CloudTrail logs it.
const objectLevelPut = {
  eventVersion: "1.08",
  userIdentity: {
    type: "AssumedRole",
    principalId: "AROAEXAMPLEID:orders-api",
    arn: "arn:aws:sts::123456789012:assumed-role/orders-api/orders-api",
    accountId: "123456789012",
    accessKeyId: "ASIAEXAMPLE",
    sessionContext: {
      sessionIssuer: {
        type: "Role",
        principalId: "AROAEXAMPLEID",
        arn: "arn:aws:iam::123456789012:role/orders-api",
        accountId: "123456789012",
        userName: "orders-api",
      },
      attributes: { creationDate: "2026-03-02T13:00:00Z", mfaAuthenticated: "false" },
    },
    invokedBy: "s3.amazonaws.com",
  },
  eventTime: "2026-03-02T14:37:12Z",
  eventSource: "kms.amazonaws.com",
  eventName: "GenerateDataKey",
  awsRegion: "us-east-1",
  sourceIPAddress: "s3.amazonaws.com",
  userAgent: "s3.amazonaws.com",
  requestParameters: {
    encryptionContext: { "aws:s3:arn": "arn:aws:s3:::bkc-demo-orders/2026/03/02/order-1.json" },
    keyId: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    keySpec: "AES_256",
  },
  responseElements: null,
  requestID: "b2a3c4d5-0000-4000-8000-000000000001",
  eventID: "e1f2a3b4-0000-4000-8000-000000000001",
  readOnly: true,
  resources: [
    {
      accountId: "123456789012",
      type: "AWS::KMS::Key",
      ARN: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    },
  ],
  eventType: "AwsApiCall",
  managementEvent: true,
  recipientAccountId: "123456789012",
  eventCategory: "Management",
};

const withChanges = (patch: Record<string, unknown>) => ({ ...objectLevelPut, ...patch });

test("an object-level GenerateDataKey becomes a fact with bucket, hour, key, principal and region", () => {
  const parsed = parseCloudTrailRecord(objectLevelPut);
  assert.deepEqual(parsed, {
    kind: "fact",
    fact: {
      bucket: "bkc-demo-orders",
      hour: isoToHour("2026-03-02T14:00:00Z"),
      minute: 37,
      operation: "GenerateDataKey",
      level: "object",
      keyArn: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
      principal: "arn:aws:sts::123456789012:assumed-role/orders-api/orders-api",
      role: "arn:aws:iam::123456789012:role/orders-api",
      region: "us-east-1",
    },
  });
  assert.equal(hourToIso(isoToHour("2026-03-02T14:37:12Z")), "2026-03-02T14:00:00.000Z");
});

test("a Decrypt with the bucket ARN as context is bucket-level (Bucket Key in use)", () => {
  const parsed = parseCloudTrailRecord(
    withChanges({
      eventName: "Decrypt",
      requestParameters: {
        encryptionContext: { "aws:s3:arn": "arn:aws:s3:::bkc-demo-media" },
        encryptionAlgorithm: "SYMMETRIC_DEFAULT",
      },
    }),
  );
  assert.equal(parsed.kind, "fact");
  assert.equal(parsed.kind === "fact" && parsed.fact.level, "bucket");
  assert.equal(parsed.kind === "fact" && parsed.fact.bucket, "bkc-demo-media");
});

test("object keys with slashes, spaces and unicode still name the bucket", () => {
  const parsed = parseCloudTrailRecord(
    withChanges({ requestParameters: { encryptionContext: { "aws:s3:arn": "arn:aws:s3:::logs.example/a b/ü/" } } }),
  );
  assert.ok(parsed.kind === "fact" && parsed.fact.bucket === "logs.example" && parsed.fact.level === "object");
});

test("ReEncrypt is read from its destination context; GovCloud partitions parse", () => {
  const parsed = parseCloudTrailRecord(
    withChanges({
      eventName: "ReEncrypt",
      requestParameters: {
        sourceEncryptionContext: { "aws:s3:arn": "arn:aws-us-gov:s3:::gov-bucket/x" },
        destinationEncryptionContext: { "aws:s3:arn": "arn:aws-us-gov:s3:::gov-bucket/x" },
      },
    }),
  );
  assert.ok(parsed.kind === "fact" && parsed.fact.bucket === "gov-bucket" && parsed.fact.operation === "ReEncrypt");
});

test("without a resources entry the key comes from requestParameters.keyId", () => {
  const parsed = parseCloudTrailRecord(withChanges({ resources: undefined }));
  assert.ok(parsed.kind === "fact" && parsed.fact.keyArn === objectLevelPut.requestParameters.keyId);
});

test("a principal without an ARN (AWS service) falls back to principalId, then invokedBy", () => {
  const byId = parseCloudTrailRecord(
    withChanges({ userIdentity: { type: "AWSService", principalId: "AIDAEXAMPLE", invokedBy: "s3.amazonaws.com" } }),
  );
  assert.ok(byId.kind === "fact" && byId.fact.principal === "AIDAEXAMPLE");
  const byService = parseCloudTrailRecord(
    withChanges({ userIdentity: { type: "AWSService", invokedBy: "s3.amazonaws.com" } }),
  );
  assert.ok(byService.kind === "fact" && byService.fact.principal === "s3.amazonaws.com");
});

test("records that are not S3's KMS calls are ignored with a reason, never errors", () => {
  const cases: [string, unknown, string][] = [
    ["S3 data event", withChanges({ eventSource: "s3.amazonaws.com", eventName: "GetObject" }), "not-kms"],
    ["STS AssumeRole", withChanges({ eventSource: "sts.amazonaws.com", eventName: "AssumeRole" }), "not-kms"],
    ["KMS DescribeKey", withChanges({ eventName: "DescribeKey" }), "other-operation"],
    ["KMS ListAliases", withChanges({ eventName: "ListAliases", requestParameters: null }), "other-operation"],
    [
      "Secrets Manager Decrypt",
      withChanges({
        eventName: "Decrypt",
        requestParameters: {
          encryptionContext: { SecretARN: "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf" },
        },
      }),
      "no-s3-context",
    ],
    [
      "EBS GenerateDataKeyWithoutPlaintext",
      withChanges({
        eventName: "GenerateDataKeyWithoutPlaintext",
        requestParameters: { encryptionContext: { "aws:ebs:id": "vol-0abc" } },
      }),
      "no-s3-context",
    ],
    [
      "Decrypt without context",
      withChanges({ eventName: "Decrypt", requestParameters: { encryptionAlgorithm: "SYMMETRIC_DEFAULT" } }),
      "no-s3-context",
    ],
    [
      "context that is not an S3 ARN",
      withChanges({ requestParameters: { encryptionContext: { "aws:s3:arn": "bkc-demo-orders/x" } } }),
      "no-s3-context",
    ],
    ["AccessDenied", withChanges({ errorCode: "AccessDenied", errorMessage: "User is not authorized" }), "failed-call"],
    ["no eventTime", withChanges({ eventTime: "yesterday" }), "malformed"],
    ["not an object", "GenerateDataKey", "malformed"],
    ["null", null, "malformed"],
  ];
  for (const [label, record, reason] of cases)
    assert.deepEqual(parseCloudTrailRecord(record), { kind: "ignored", reason }, label);
});
