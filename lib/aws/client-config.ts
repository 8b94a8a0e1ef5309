import "server-only";
import { STSClient } from "@aws-sdk/client-sts";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { serverEnv } from "@/lib/runtime/env";
import { consoleUserAgent } from "@/lib/aws/user-agent";

// What every AWS client of the console shares: the configuration, the home region, and the cache of clients.
// Credentials come from the SDK's standard chain (env, profile, SSO, instance role); AWS_ENDPOINT_URL is the only
// emulator switch. Both lib/aws/clients.ts and the AssumeRole call (role-session.ts) build on it.

export type ClientCtor<C> = new (config: Record<string, unknown>) => C;

/** Clients by kind, region and account, and the configured home region. */
const awsClients = { byKey: new Map<string, unknown>(), homeRegion: undefined as Promise<string> | undefined };

function commonConfig(region: string) {
  const { endpoint, awsTimeoutMs } = serverEnv();
  return {
    region,
    ...(endpoint ? { endpoint } : {}),
    // Adaptive mode adds client-side rate limiting on top of exponential backoff, which is
    // what AWS recommends for throttling-prone calls such as ListBuckets fan-outs.
    retryMode: "adaptive",
    maxAttempts: 4,
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

/**
 * The client of this kind in this region for one set of credentials (`owner`: an account id, or "console" for
 * the console's own), made once with `config` and kept.
 */
export function cachedClient<C>(
  kind: string,
  Ctor: ClientCtor<C>,
  region: string,
  owner: string,
  config: () => object,
): C {
  const key = `${kind}:${region}:${owner}`;
  const cache = awsClients.byKey;
  let client = cache.get(key) as C | undefined;
  if (client) cache.delete(key); // re-inserted below: the Map's order is least recently used first
  client ??= new Ctor({ ...commonConfig(region), ...config() });
  cache.set(key, client);
  // Regions are checked against the SDK's list and accounts against the configuration, but kinds × regions ×
  // accounts can still be many: the least recently used client goes (requests holding it finish with it).
  if (cache.size > maxCachedClients) cache.delete(cache.keys().next().value!);
  return client;
}

const maxCachedClients = 256;

/** The region from the standard configuration (AWS_REGION, profile), us-east-1 if none. */
export function defaultRegion(): Promise<string> {
  awsClients.homeRegion ??= (async () => {
    const configured = serverEnv().region;
    if (configured) return configured;
    try {
      return await new STSClient({}).config.region();
    } catch {
      return "us-east-1";
    }
  })();
  return awsClients.homeRegion;
}
