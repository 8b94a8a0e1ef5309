import "server-only";
import { CreateAliasCommand, CreateKeyCommand, ScheduleKeyDeletionCommand } from "@aws-sdk/client-kms";
import type { KmsKeyOption } from "@/lib/contracts/encryption";
import { AppError } from "@/lib/contracts/errors";
import { kmsClient } from "@/lib/aws/clients";
import { isAwsError } from "@/lib/aws/errors";
import { awsCallError, send } from "@/lib/aws/send";
import { callerIdentity } from "@/lib/aws/identity";
import { forgetAliasIndex } from "@/lib/kms/alias-index";
import { partitionOf } from "@/lib/contracts/key-ref";

/**
 * The key policy the S3 console gives a new key: the account administers the key through
 * IAM, and principals of this account may use it through S3 only (kms:ViaService).
 */
function s3KeyPolicy(account: string, region: string): string {
  const root = `arn:${partitionOf(region)}:iam::${account}:root`;
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Sid: "EnableIamPolicies", Effect: "Allow", Principal: { AWS: root }, Action: "kms:*", Resource: "*" },
      {
        Sid: "AllowUseThroughS3",
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
        Resource: "*",
        Condition: { StringEquals: { "kms:CallerAccount": account, "kms:ViaService": `s3.${region}.amazonaws.com` } },
      },
    ],
  });
}

export async function createS3Key(region: string, alias: string, description: string): Promise<KmsKeyOption> {
  const { account } = await callerIdentity();
  const client = kmsClient(region);
  const created = await send(
    client,
    new CreateKeyCommand({
      Description: description,
      KeySpec: "SYMMETRIC_DEFAULT",
      KeyUsage: "ENCRYPT_DECRYPT",
      Policy: s3KeyPolicy(account, region),
    }),
    `a key in ${region}`,
  );
  const m = created.KeyMetadata!;
  try {
    await client.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: m.KeyId! }));
  } catch (err) {
    // Without its alias the new key would be an orphan nobody can find: schedule its deletion.
    await client
      .send(new ScheduleKeyDeletionCommand({ KeyId: m.KeyId!, PendingWindowInDays: 7 }))
      .catch(() => undefined);
    if (isAwsError(err, "AlreadyExistsException"))
      throw new AppError("conflict", `The alias ${alias} already exists in ${region}: choose another name.`);
    throw awsCallError(err, "CreateAlias", alias);
  }
  forgetAliasIndex(region, account);
  return {
    arn: m.Arn!,
    keyId: m.KeyId!,
    alias,
    state: m.KeyState ?? "Enabled",
    spec: m.KeySpec ?? "SYMMETRIC_DEFAULT",
    usage: m.KeyUsage ?? "ENCRYPT_DECRYPT",
    manager: "CUSTOMER",
    region,
    usable: true,
    reason: null,
  };
}
