import "server-only";
import { S3Client } from "@aws-sdk/client-s3";
import { KMSClient } from "@aws-sdk/client-kms";
import { STSClient } from "@aws-sdk/client-sts";
import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { S3ControlClient } from "@aws-sdk/client-s3-control";
import { AthenaClient } from "@aws-sdk/client-athena";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { IAMClient } from "@aws-sdk/client-iam";
import { ConfigServiceClient } from "@aws-sdk/client-config-service";
import { BCMDataExportsClient } from "@aws-sdk/client-bcm-data-exports";
import { CostAndUsageReportServiceClient } from "@aws-sdk/client-cost-and-usage-report-service";
import { actingUser, currentAccount } from "@/lib/aws/account-context";
import { roleSessionName } from "@/lib/aws/role-session-name";
import { cachedClient, type ClientCtor } from "@/lib/aws/client-config";
import { assumedRoleCredentials } from "@/lib/aws/role-session";
import { recordingOwnRequests } from "@/lib/aws/own-requests";
import { serverEnv } from "@/lib/runtime/env";

// One factory for every AWS client of the account being worked in. Clients are cached per
// account and region (client-config.ts): buckets live in many regions and each per-bucket
// call must go to the bucket's own region, and work inside inAccount()
// (lib/aws/account-context.ts) signs with that account's assumed-role credentials.

function accountClient<C>(kind: string, Ctor: ClientCtor<C>, region: string, extra: Record<string, unknown> = {}): C {
  const account = currentAccount();
  const viaRole = account?.roleArn ? { ...account, roleArn: account.roleArn } : undefined;
  const credentials = viaRole ? { credentials: () => assumedRoleCredentials(viaRole) } : {};
  // A client per role session: its credentials provider was made for one person's session.
  const owner = viaRole ? `${viaRole.id}:${roleSessionName(actingUser())}` : "console";
  return cachedClient(kind, Ctor, region, owner, () => ({ ...credentials, ...extra }));
}

export function s3Client(region: string): S3Client {
  // Emulators serve buckets on one host, so virtual-hosted addressing cannot work there.
  const client = accountClient("s3", S3Client, region, { forcePathStyle: Boolean(serverEnv().endpoint) });
  // Its bucket changes are written down, so CloudTrail's record of them is known as the console's own.
  return recordingOwnRequests(client);
}

export function kmsClient(region: string): KMSClient {
  return accountClient("kms", KMSClient, region);
}

/**
 * For calls that are not idempotent (CreateKey): one attempt, no SDK retry, since a retry after a lost answer
 * would make a second key. The caller records the call first and finds out by reading what a lost answer did.
 */
export function kmsWriteOnceClient(region: string): KMSClient {
  return accountClient("kms-once", KMSClient, region, { maxAttempts: 1 });
}

export function stsClient(region: string): STSClient {
  return accountClient("sts", STSClient, region);
}

export function cloudTrailClient(region: string): CloudTrailClient {
  return accountClient("cloudtrail", CloudTrailClient, region);
}

export function athenaClient(region: string): AthenaClient {
  return accountClient("athena", AthenaClient, region);
}

/** Organizations answers in one region of the partition (us-east-1 for aws). */
export function organizationsClient(region: string): OrganizationsClient {
  return accountClient("organizations", OrganizationsClient, region);
}

export function s3ControlClient(region: string): S3ControlClient {
  // S3 Control puts the account id in front of the host; an emulator endpoint has no such hosts.
  return accountClient("s3control", S3ControlClient, region, { disableHostPrefix: Boolean(serverEnv().endpoint) });
}

/** IAM is global; its endpoint answers in us-east-1 for the aws partition. */
export function iamClient(): IAMClient {
  return accountClient("iam", IAMClient, "us-east-1");
}

/** AWS Config in the aggregator's region (an aggregator answers only in the region it was created in). */
export function configClient(region: string): ConfigServiceClient {
  return accountClient("config", ConfigServiceClient, region);
}

/** BCM Data Exports: its API answers in us-east-1 only, whatever the export's bucket region. */
export function dataExportsClient(): BCMDataExportsClient {
  return accountClient("bcm-data-exports", BCMDataExportsClient, "us-east-1");
}

/** The legacy Cost and Usage Report API: us-east-1 only, as Data Exports. */
export function curClient(): CostAndUsageReportServiceClient {
  return accountClient("cur", CostAndUsageReportServiceClient, "us-east-1");
}
