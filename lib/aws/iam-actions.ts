// Every AWS operation the console calls, with the IAM actions it needs and whether only an
// operator needs them (write) or every deployment (read). lib/aws/iam-policies.test.ts
// scans lib/ and app/ for SDK calls and fails on an operation missing here, and on a policy
// document in docs/iam/ that misses (or needlessly grants) an action. The same table names the
// action in a failed call's error (lib/aws/send.ts), so the policies and the messages agree.

type AccessKind = "read" | "write";

type OperationAccess = {
  kind: AccessKind;
  /** What AWS checks on the call itself: the actions its errors name. */
  actions: string[];
  /** What the service then does as the console's identity (S3 calling KMS, Athena reading Glue and S3): granted too. */
  onBehalf?: string[];
};

const table = {
  // S3, bucket level
  ListBuckets: { kind: "read", actions: ["s3:ListAllMyBuckets"] },
  GetBucketLocation: { kind: "read", actions: ["s3:GetBucketLocation"] },
  HeadBucket: { kind: "read", actions: ["s3:ListBucket"] },
  GetBucketEncryption: { kind: "read", actions: ["s3:GetEncryptionConfiguration"] },
  GetBucketVersioning: { kind: "read", actions: ["s3:GetBucketVersioning"] },
  GetBucketReplication: { kind: "read", actions: ["s3:GetReplicationConfiguration"] },
  GetBucketPolicy: { kind: "read", actions: ["s3:GetBucketPolicy"] },
  PutBucketEncryption: { kind: "write", actions: ["s3:PutEncryptionConfiguration"] },
  // AWS authorizes DeleteBucketEncryption with the Put action.
  DeleteBucketEncryption: { kind: "write", actions: ["s3:PutEncryptionConfiguration"] },
  // S3, object level: listing and heads for the object scan, CloudTrail log files for usage.
  ListObjectsV2: { kind: "read", actions: ["s3:ListBucket"] },
  HeadObject: { kind: "read", actions: ["s3:GetObject"] },
  GetObject: { kind: "read", actions: ["s3:GetObject"] },
  // Re-encryption in place: S3 calls KMS as the caller, so the caller needs the key actions.
  CopyObject: {
    kind: "write",
    actions: ["s3:GetObject", "s3:PutObject"],
    onBehalf: ["kms:Decrypt", "kms:GenerateDataKey"],
  },
  PutObject: { kind: "write", actions: ["s3:PutObject"], onBehalf: ["kms:GenerateDataKey"] },
  // Objects over 5 GB are re-encrypted by a multipart copy, which must set the tags again.
  GetObjectTagging: { kind: "write", actions: ["s3:GetObjectTagging"] },
  CreateMultipartUpload: {
    kind: "write",
    actions: ["s3:PutObject", "s3:PutObjectTagging"],
    onBehalf: ["kms:GenerateDataKey"],
  },
  UploadPartCopy: {
    kind: "write",
    actions: ["s3:GetObject", "s3:PutObject"],
    onBehalf: ["kms:Decrypt", "kms:GenerateDataKey"],
  },
  CompleteMultipartUpload: { kind: "write", actions: ["s3:PutObject"] },
  AbortMultipartUpload: { kind: "write", actions: ["s3:AbortMultipartUpload"] },
  // The object audit from S3 Inventory reads the bucket's configurations (and the reports, GetObject);
  // adding an inventory writes the configuration and the destination bucket's policy.
  ListBucketInventoryConfigurations: { kind: "read", actions: ["s3:GetInventoryConfiguration"] },
  PutBucketInventoryConfiguration: { kind: "write", actions: ["s3:PutInventoryConfiguration"] },
  PutBucketPolicy: { kind: "write", actions: ["s3:PutBucketPolicy"] },
  // S3 Batch Operations for buckets too large for one machine: S3 runs the job as the role. Preparing
  // a job (an operator step) reads the role's trust and the bucket's Object Lock; anyone may follow it.
  CreateJob: { kind: "write", actions: ["s3:CreateJob", "iam:PassRole"] },
  GetRole: { kind: "write", actions: ["iam:GetRole"] },
  GetObjectLockConfiguration: { kind: "write", actions: ["s3:GetBucketObjectLockConfiguration"] },
  DescribeJob: { kind: "read", actions: ["s3:DescribeJob"] },
  ListJobs: { kind: "read", actions: ["s3:ListJobs"] },
  // The UpdateObjectEncryption probe writes one object, then removes it with all its versions.
  ListObjectVersions: { kind: "write", actions: ["s3:ListBucketVersions"] },
  DeleteObject: { kind: "write", actions: ["s3:DeleteObject", "s3:DeleteObjectVersion"] },
  UpdateObjectEncryption: {
    kind: "write",
    actions: ["s3:UpdateObjectEncryption"],
    onBehalf: ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:ReEncryptFrom", "kms:ReEncryptTo"],
  },
  // KMS
  ListKeys: { kind: "read", actions: ["kms:ListKeys"] },
  ListAliases: { kind: "read", actions: ["kms:ListAliases"] },
  DescribeKey: { kind: "read", actions: ["kms:DescribeKey"] },
  GetKeyPolicy: { kind: "read", actions: ["kms:GetKeyPolicy"] },
  // Tagged at creation with its write record's id; a lost answer is settled by finding that tag.
  CreateKey: { kind: "write", actions: ["kms:CreateKey", "kms:TagResource"] },
  ListResourceTags: { kind: "write", actions: ["kms:ListResourceTags"] },
  CreateAlias: { kind: "write", actions: ["kms:CreateAlias"] },
  // Only to clean up a key whose alias could not be created.
  ScheduleKeyDeletion: { kind: "write", actions: ["kms:ScheduleKeyDeletion"] },
  // CloudTrail (usage)
  LookupEvents: { kind: "read", actions: ["cloudtrail:LookupEvents"] },
  DescribeTrails: { kind: "read", actions: ["cloudtrail:DescribeTrails"] },
  GetTrailStatus: { kind: "read", actions: ["cloudtrail:GetTrailStatus"] },
  GetEventSelectors: { kind: "read", actions: ["cloudtrail:GetEventSelectors"] },
  // STS: GetCallerIdentity needs no permission (AWS allows it for every principal).
  GetCallerIdentity: { kind: "read", actions: [] },
  // Other accounts: the console's identity assumes each account's role; Organizations lists them.
  AssumeRole: { kind: "read", actions: ["sts:AssumeRole"] },
  ListAccounts: { kind: "read", actions: ["organizations:ListAccounts"] },
  // The inventory from an AWS Config aggregator (in the console's own account, e.g. Control Tower's audit account).
  SelectAggregateResourceConfig: { kind: "read", actions: ["config:SelectAggregateResourceConfig"] },
  DescribeConfigurationAggregators: { kind: "read", actions: ["config:DescribeConfigurationAggregators"] },
  // The Bucket Key guardrail: its compliance read from the aggregator; the rule put (and read back) in one account.
  DescribeAggregateComplianceByConfigRules: {
    kind: "read",
    actions: ["config:DescribeAggregateComplianceByConfigRules"],
  },
  GetAggregateComplianceDetailsByConfigRule: {
    kind: "read",
    actions: ["config:GetAggregateComplianceDetailsByConfigRule"],
  },
  DescribeConfigRules: { kind: "read", actions: ["config:DescribeConfigRules"] },
  PutConfigRule: { kind: "write", actions: ["config:PutConfigRule"] },
  // The bill source: Settings offers the account's Data Exports and legacy CUR reports (us-east-1 APIs).
  ListExports: { kind: "read", actions: ["bcm-data-exports:ListExports"] },
  GetExport: { kind: "read", actions: ["bcm-data-exports:GetExport"] },
  DescribeReportDefinitions: { kind: "read", actions: ["cur:DescribeReportDefinitions"] },
  // Athena usage source: an operator feature, since every query writes its results to S3 and the
  // table's creation writes to the Glue catalog. Athena reads the trail's logs with the caller's
  // s3:GetObject/ListBucket; read-only deployments use the log files or the event history instead.
  StartQueryExecution: {
    kind: "write",
    actions: ["athena:StartQueryExecution"],
    onBehalf: [
      "glue:GetDatabase",
      "glue:GetTable",
      "glue:CreateDatabase",
      "glue:CreateTable",
      "s3:GetBucketLocation",
      "s3:PutObject",
      "s3:ListBucketMultipartUploads",
      "s3:ListMultipartUploadParts",
      "s3:AbortMultipartUpload",
    ],
  },
  GetQueryExecution: { kind: "write", actions: ["athena:GetQueryExecution"] },
  GetQueryResults: { kind: "write", actions: ["athena:GetQueryResults"], onBehalf: ["s3:GetObject"] },
} satisfies Record<string, OperationAccess>;

/** An operation the console calls, as the SDK names it ("GetBucketLocation" for GetBucketLocationCommand). */
export type AwsOperation = keyof typeof table;

export const iamActions: Readonly<Record<AwsOperation, OperationAccess>> = table;

/** The operation's entry, or undefined for one the table does not know (the policy test fails on those). */
export const accessOf = (operation: string): OperationAccess | undefined =>
  Object.hasOwn(iamActions, operation) ? iamActions[operation as AwsOperation] : undefined;

/** Every action a policy must grant for the operation: its own and those used on the console's behalf. */
export const policyActionsOf = (access: OperationAccess): string[] => [...access.actions, ...(access.onBehalf ?? [])];
