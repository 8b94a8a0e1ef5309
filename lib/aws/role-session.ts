import "server-only";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { AppError } from "@/lib/contracts/errors";
import { cachedClient, defaultRegion } from "@/lib/aws/client-config";
import { awsErrorName } from "@/lib/aws/errors";
import { actionNamed, awsCallError } from "@/lib/aws/send";
import type { Account } from "@/lib/contracts/accounts";
import { processWide } from "@/lib/runtime/process-wide";
import { actingUser } from "@/lib/aws/account-context";
import { consoleSessionName, roleSessionName, sourceIdentity } from "@/lib/aws/role-session-name";
import {
  assumeWithSourceIdentity,
  createRoleCredentialCache,
  type HeldRoleCredentials,
  type RoleCredentials,
  type RoleTarget,
} from "./role-credentials";

// AssumeRole with the console's own identity, for clients of other accounts (lib/aws/clients.ts). Inside a
// request the session is the signed-in person's: RoleSessionName bkc-<user>, and SourceIdentity <user> where the
// role's trust policy allows sts:SetSourceIdentity, so CloudTrail names who acted.

/** Roles whose trust policy does not allow sts:SetSourceIdentity (asked once, per process). */
const refusedSourceIdentity = processWide("RefusedSourceIdentity", () => new Set<string>());

async function assumeRole(target: RoleTarget): Promise<RoleCredentials> {
  try {
    const region = await defaultRegion();
    // Always the console's own STS client, whichever account the caller works in.
    const sts = cachedClient("sts", STSClient, region, "console", () => ({}));
    const send = (sourceIdentity: string | null) =>
      sts.send(
        new AssumeRoleCommand({
          RoleArn: target.roleArn,
          RoleSessionName: target.session?.name ?? consoleSessionName,
          DurationSeconds: 3600,
          ...(target.externalId ? { ExternalId: target.externalId } : {}),
          ...(sourceIdentity ? { SourceIdentity: sourceIdentity } : {}),
        }),
      );
    const denied = (err: unknown) => ["AccessDenied", "AccessDeniedException"].includes(awsErrorName(err));
    const out = await assumeWithSourceIdentity(target, refusedSourceIdentity, send, denied);
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration)
      throw new Error("AssumeRole returned no credentials");
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
    };
  } catch (err) {
    const name = awsErrorName(err);
    if (name === "AccessDenied" || name === "AccessDeniedException") {
      const action = actionNamed("AssumeRole");
      throw new AppError(
        "access_denied",
        `Cannot assume ${target.roleArn} for account ${target.id}: access denied. The role's ` +
          `trust policy must allow the console's identity, and the console's policy must allow ` +
          `${action} on the role${target.externalId ? " (with the configured external id)" : ""}.`,
        { action, resource: target.roleArn },
      );
    }
    throw awsCallError(err, "AssumeRole", target.roleArn);
  }
}

// One AssumeRole per account is the point, so the held credentials are one per process.
const roleSessions: HeldRoleCredentials = processWide("RoleSessions", () => new Map());
const credentialsFor = createRoleCredentialCache(assumeRole, Date.now, roleSessions);

/** The role's credentials for the person the work acts for (actingUser()), or the console's own session. */
export function assumedRoleCredentials(account: Account & { roleArn: string }): Promise<RoleCredentials> {
  const user = actingUser();
  const session = { name: roleSessionName(user), sourceIdentity: sourceIdentity(user) };
  return credentialsFor({ id: account.id, roleArn: account.roleArn, externalId: account.externalId, session });
}
