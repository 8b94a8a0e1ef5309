import type { PutBucketInventoryConfigurationCommandInput } from "@aws-sdk/client-s3";
import type { InventorySetupRequest } from "@/lib/contracts/object-inventory";

// The S3 Inventory configuration the console proposes for the object audit, and the statement
// the destination bucket's policy needs so that S3 may write the reports there (S3 user guide,
// "Configuring Amazon S3 Inventory": PutObject for s3.amazonaws.com, limited to this source
// bucket and account, with bucket-owner-full-control).

const consoleInventoryId = "bucket-key-console";
/**
 * The statement's Sid, one per source bucket. A Sid holds only letters and digits, so every other character of
 * the name (and any capital, which legacy names may have) is written as Z and its two hex digits: a capital Z
 * always starts such an escape, so two names never share a Sid (my-logs is myZ2Dlogs, mylogs is mylogs).
 */
export const statementSid = (bucket: string) =>
  `S3InventoryFor${bucket.replace(/[^a-z0-9]/g, (c) => `Z${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`)}`;

type PolicyStatement = Record<string, unknown> & { Sid?: string };
type Policy = { Version: string; Statement: PolicyStatement[] };

export function buildInventoryConfiguration(
  bucket: string,
  account: string,
  setup: InventorySetupRequest,
): PutBucketInventoryConfigurationCommandInput {
  return {
    Bucket: bucket,
    Id: consoleInventoryId,
    ExpectedBucketOwner: account,
    InventoryConfiguration: {
      Id: consoleInventoryId,
      IsEnabled: true,
      Destination: {
        S3BucketDestination: {
          AccountId: account,
          Bucket: `arn:aws:s3:::${setup.destinationBucket}`,
          Format: setup.format,
          ...(setup.prefix ? { Prefix: setup.prefix } : {}),
        },
      },
      // Current versions: the audit counts what a read would decrypt today.
      IncludedObjectVersions: "Current",
      OptionalFields: [
        "Size",
        "EncryptionStatus",
        "BucketKeyStatus",
        "StorageClass",
        "LastModifiedDate",
        "ETag",
        "ReplicationStatus",
        "ObjectLockMode",
        "ObjectLockLegalHoldStatus",
      ],
      Schedule: { Frequency: "Daily" },
    },
  };
}

export function inventoryDestinationStatement(bucket: string, account: string, setup: InventorySetupRequest) {
  return {
    Sid: statementSid(bucket),
    Effect: "Allow",
    Principal: { Service: "s3.amazonaws.com" },
    Action: "s3:PutObject",
    Resource: `arn:aws:s3:::${setup.destinationBucket}/${setup.prefix ? `${setup.prefix}/` : ""}*`,
    Condition: {
      ArnLike: { "aws:SourceArn": `arn:aws:s3:::${bucket}` },
      StringEquals: { "aws:SourceAccount": account, "s3:x-amz-acl": "bucket-owner-full-control" },
    },
  };
}

/** The destination's policy with the statement added, or replaced when a statement with its Sid is there. */
export function withInventoryStatement(existing: string | null, statement: PolicyStatement): Policy {
  const policy: Policy = existing ? JSON.parse(existing) : { Version: "2012-10-17", Statement: [] };
  const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement as PolicyStatement];
  return { ...policy, Statement: [...statements.filter((s) => s.Sid !== statement.Sid), statement] };
}
