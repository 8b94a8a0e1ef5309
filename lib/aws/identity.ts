import "server-only";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { stsClient } from "@/lib/aws/clients";
import { defaultRegion } from "@/lib/aws/client-config";
import { send } from "@/lib/aws/send";
import { accountCacheKey, actingUser, currentAccount } from "@/lib/aws/account-context";
import { roleSessionName } from "@/lib/aws/role-session-name";

type CallerIdentity = { account: string; arn: string };

// Per account: inside inAccount() the identity is the assumed role.
const ttlMs = 5 * 60_000;
const cached = new Map<string, { value: CallerIdentity; at: number }>();

/**
 * Who the console is in AWS. Cached briefly: it changes only when credentials do.
 * `fresh` asks AWS anyway: the health check must notice when AWS stops answering.
 */
export async function callerIdentity({ fresh = false } = {}): Promise<CallerIdentity> {
  // Inside another account each person's session is its own assumed-role ARN.
  const key = currentAccount()?.roleArn ? `${accountCacheKey()}:${roleSessionName(actingUser())}` : accountCacheKey();
  const hit = cached.get(key);
  if (!fresh && hit && Date.now() - hit.at < ttlMs) return hit.value;
  const account = currentAccount();
  const resource = account?.roleArn ? `account ${account.id} (${account.roleArn})` : "the console's credentials";
  try {
    const out = await send(stsClient(await defaultRegion()), new GetCallerIdentityCommand({}), resource);
    const value = { account: out.Account ?? "unknown", arn: out.Arn ?? "unknown" };
    cached.set(key, { value, at: Date.now() });
    return value;
  } catch (err) {
    cached.delete(key);
    throw err;
  }
}
