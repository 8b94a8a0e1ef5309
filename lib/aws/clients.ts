import "server-only";
import { S3Client } from "@aws-sdk/client-s3";
import { KMSClient } from "@aws-sdk/client-kms";
import { STSClient } from "@aws-sdk/client-sts";
import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { S3ControlClient } from "@aws-sdk/client-s3-control";
import { AthenaClient } from "@aws-sdk/client-athena";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { currentAccount } from "@/lib/aws/account-context";
import { assumedRoleCredentials } from "@/lib/aws/role-session";
import { serverEnv } from "@/lib/server/env";
import { consoleUserAgent } from "@/lib/usage/cloudtrail/management-events";

// One factory for every AWS client. Credentials come from the SDK's standard chain
// (env, profile, SSO, instance role); AWS_ENDPOINT_URL is the only emulator switch.
// Clients are cached per account and region: buckets live in many regions and each
// per-bucket call must go to the bucket's own region, and work inside inAccount()
// (lib/aws/account-context.ts) signs with that account's assumed-role credentials.

type ClientCtor<C> = new (config: Record<string, unknown>) => C;

const cache = new Map<string, unknown>();

function commonConfig(region: string) {
  const { endpoint, awsTimeoutMs } = serverEnv();
  return {
    region,
    ...(endpoint ? { endpoint } : {}),
    // Adaptive mode adds client-side rate limiting on top of exponential backoff, which is
    // what AWS recommends for throttling-prone calls such as ListBuckets fan-outs.
    retryMode: "adaptive",
    maxAttempts: 4,
    // CloudTrail records the User-Agent: the console's own bucket changes are told from changes made elsewhere.
    customUserAgent: consoleUserAgent,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: 3_000,
      requestTimeout: awsTimeoutMs,
      // Without this the SDK only logs a warning and a request AWS never answers hangs forever.
      throwOnRequestTimeout: true,
      httpAgent: { maxSockets: 64, keepAlive: true },
      httpsAgent: { maxSockets: 64, keepAlive: true },
    }),
  };
}

function cachedClient<C>(kind: string, Ctor: ClientCtor<C>, region: string, extra: Record<string, unknown> = {}): C {
  const account = currentAccount();
  const viaRole = account?.roleArn ? { ...account, roleArn: account.roleArn } : undefined;
  const key = `${kind}:${region}:${viaRole?.id ?? "console"}`;
  let client = cache.get(key) as C | undefined;
  if (!client) {
    const credentials = viaRole ? { credentials: () => assumedRoleCredentials(viaRole) } : {};
    client = new Ctor({ ...commonConfig(region), ...credentials, ...extra });
    cache.set(key, client);
  }
  return client;
}

export function s3Client(region: string): S3Client {
  // Emulators serve buckets on one host, so virtual-hosted addressing cannot work there.
  return cachedClient("s3", S3Client, region, { forcePathStyle: Boolean(serverEnv().endpoint) });
}

export function kmsClient(region: string): KMSClient {
  return cachedClient("kms", KMSClient, region);
}

export function stsClient(region: string): STSClient {
  return cachedClient("sts", STSClient, region);
}

export function cloudTrailClient(region: string): CloudTrailClient {
  return cachedClient("cloudtrail", CloudTrailClient, region);
}

export function cloudWatchClient(region: string): CloudWatchClient {
  return cachedClient("cloudwatch", CloudWatchClient, region);
}

let homeRegion: Promise<string> | undefined;

/** The region from the standard configuration (AWS_REGION, profile), us-east-1 if none. */
export function defaultRegion(): Promise<string> {
  homeRegion ??= (async () => {
    const configured = serverEnv().region;
    if (configured) return configured;
    try {
      return await new STSClient({}).config.region();
    } catch {
      return "us-east-1";
    }
  })();
  return homeRegion;
}

export function athenaClient(region: string): AthenaClient {
  return cachedClient("athena", AthenaClient, region);
}

/** Organizations answers in one region of the partition (us-east-1 for aws). */
export function organizationsClient(region: string): OrganizationsClient {
  return cachedClient("organizations", OrganizationsClient, region);
}

export function s3ControlClient(region: string): S3ControlClient {
  // S3 Control puts the account id in front of the host; an emulator endpoint has no such hosts.
  return cachedClient("s3control", S3ControlClient, region, { disableHostPrefix: Boolean(serverEnv().endpoint) });
}
