import "server-only";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { defaultRegion, stsClient } from "@/lib/aws/clients";
import { toAppError } from "@/lib/aws/errors";

export type CallerIdentity = { account: string; arn: string };

let cached: { value: CallerIdentity; at: number } | undefined;
const ttlMs = 5 * 60_000;

/**
 * Who the console is in AWS. Cached briefly: it changes only when credentials do.
 * `fresh` asks AWS anyway: the health check must notice when AWS stops answering.
 */
export async function callerIdentity({ fresh = false } = {}): Promise<CallerIdentity> {
  if (!fresh && cached && Date.now() - cached.at < ttlMs) return cached.value;
  try {
    const out = await stsClient(await defaultRegion()).send(new GetCallerIdentityCommand({}));
    const value = { account: out.Account ?? "unknown", arn: out.Arn ?? "unknown" };
    cached = { value, at: Date.now() };
    return value;
  } catch (err) {
    cached = undefined;
    throw toAppError(err, "sts:GetCallerIdentity", "the console's credentials");
  }
}
