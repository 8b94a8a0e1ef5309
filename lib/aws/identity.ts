import "server-only";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { stsClient } from "@/lib/aws/clients";
import { defaultRegion } from "@/lib/aws/client-config";
import { toAppError } from "@/lib/aws/errors";
import { accountCacheKey, currentAccount } from "@/lib/aws/account-context";

export type CallerIdentity = { account: string; arn: string };

// Per account: inside inAccount() the identity is the assumed role.
const ttlMs = 5 * 60_000;
const cached = new Map<string, { value: CallerIdentity; at: number }>();

/**
 * Who the console is in AWS. Cached briefly: it changes only when credentials do.
 * `fresh` asks AWS anyway: the health check must notice when AWS stops answering.
 */
export async function callerIdentity({ fresh = false } = {}): Promise<CallerIdentity> {
  const key = accountCacheKey();
  const hit = cached.get(key);
  if (!fresh && hit && Date.now() - hit.at < ttlMs) return hit.value;
  try {
    const out = await stsClient(await defaultRegion()).send(new GetCallerIdentityCommand({}));
    const value = { account: out.Account ?? "unknown", arn: out.Arn ?? "unknown" };
    cached.set(key, { value, at: Date.now() });
    return value;
  } catch (err) {
    cached.delete(key);
    const account = currentAccount();
    throw toAppError(
      err,
      "sts:GetCallerIdentity",
      account?.roleArn ? `account ${account.id} (${account.roleArn})` : "the console's credentials",
    );
  }
}
