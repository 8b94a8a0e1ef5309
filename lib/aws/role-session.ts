import "server-only";
import { AssumeRoleCommand } from "@aws-sdk/client-sts";
import { AppError } from "@/lib/contracts/errors";
import { defaultRegion, stsClient } from "@/lib/aws/clients";
import { awsErrorName, toAppError } from "@/lib/aws/errors";
import type { Account } from "@/lib/accounts/account-config";
import { inConsoleAccount } from "./account-context";
import { createRoleCredentialCache, type RoleCredentials, type RoleTarget } from "./role-credentials";

// AssumeRole with the console's own identity, for clients of other accounts (lib/aws/clients.ts).

async function assumeRole(target: RoleTarget): Promise<RoleCredentials> {
  try {
    const out = await inConsoleAccount(async () =>
      stsClient(await defaultRegion()).send(
        new AssumeRoleCommand({
          RoleArn: target.roleArn,
          RoleSessionName: "bucket-key-console",
          DurationSeconds: 3600,
          ...(target.externalId ? { ExternalId: target.externalId } : {}),
        }),
      ),
    );
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
      throw new AppError(
        "access_denied",
        `Cannot assume ${target.roleArn} for account ${target.id}: access denied. The role's trust policy must allow the console's identity, and the console's policy must allow sts:AssumeRole on the role${target.externalId ? " (with the configured external id)" : ""}.`,
        { action: "sts:AssumeRole", resource: target.roleArn },
      );
    }
    throw toAppError(err, "sts:AssumeRole", target.roleArn);
  }
}

// Kept on globalThis: Next may load this module once per route bundle, and one AssumeRole per account is the point.
const holder = globalThis as typeof globalThis & { __bkcRoleCredentials?: (t: RoleTarget) => Promise<RoleCredentials> };

export function assumedRoleCredentials(account: Account & { roleArn: string }): Promise<RoleCredentials> {
  holder.__bkcRoleCredentials ??= createRoleCredentialCache(assumeRole);
  return holder.__bkcRoleCredentials({ id: account.id, roleArn: account.roleArn, externalId: account.externalId });
}
