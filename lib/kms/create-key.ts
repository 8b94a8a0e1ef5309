import "server-only";
import {
  CreateAliasCommand,
  CreateKeyCommand,
  ListAliasesCommand,
  ListKeysCommand,
  ListResourceTagsCommand,
  ScheduleKeyDeletionCommand,
} from "@aws-sdk/client-kms";
import type { KmsKeyOption } from "@/lib/contracts/encryption";
import { AppError } from "@/lib/contracts/errors";
import { kmsClient, kmsWriteOnceClient } from "@/lib/aws/clients";
import { actingUserName } from "@/lib/aws/account-context";
import { beginWrite, getWrite, settleWrite, unsettledWrites, type StoredWrite } from "@/lib/changes/write-log";
import { outcomeOfError, thrownWrite } from "@/lib/changes/write-outcome";
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

/** Tags the key with the write record's id, so a lost CreateKey answer can be settled by finding the key. */
const writeTag = "bucket-key-console:write";

type KeyRequest = { region: string; alias: string; description: string };

/**
 * Creates a symmetric key with the S3 key policy and its alias. Recorded first (lib/changes/write-log.ts):
 * CreateKey is sent once (kmsWriteOnceClient), tagged with the record's id; when its answer is lost the key
 * is looked for by that tag, so a lost answer neither loses the key nor makes a second one.
 */
export async function createS3Key(region: string, alias: string, description: string): Promise<KmsKeyOption> {
  const { account } = await callerIdentity();
  const request: KeyRequest = { region, alias, description };
  const write = beginWrite(
    { account, kind: "kms-create-key", target: `${alias} in ${region}`, user: actingUserName(), request },
    "CreateKey sent to KMS.",
  );
  let keyArn: string;
  try {
    const created = await kmsWriteOnceClient(region).send(
      new CreateKeyCommand({
        Description: description,
        KeySpec: "SYMMETRIC_DEFAULT",
        KeyUsage: "ENCRYPT_DECRYPT",
        Policy: s3KeyPolicy(account, region),
        Tags: [{ TagKey: writeTag, TagValue: String(write.id) }],
      }),
    );
    keyArn = created.KeyMetadata!.Arn!;
  } catch (err) {
    const e = awsCallError(err, "CreateKey", `a key in ${region}`);
    const outcome = outcomeOfError("CreateKey", thrownWrite(err));
    settleWrite(write.id, outcome);
    if (outcome.status === "failed") throw e;
    const found = await settleKeyWrite(write);
    if (found.status !== "applied" || !found.result) throw lostKeyAnswer(e, found);
    keyArn = found.result;
  }
  settleWrite(write.id, { status: "applied", note: `KMS made ${keyArn}.`, result: keyArn });
  await aliasKey(region, alias, keyArn);
  forgetAliasIndex(region, account);
  return {
    arn: keyArn,
    keyId: keyArn.split("/").pop()!,
    alias,
    state: "Enabled",
    spec: "SYMMETRIC_DEFAULT",
    usage: "ENCRYPT_DECRYPT",
    manager: "CUSTOMER",
    region,
    usable: true,
    reason: null,
  };
}

function lostKeyAnswer(e: AppError, found: StoredWrite<KeyRequest>): AppError {
  if (found.status === "failed") return new AppError(e.code, `${e.message} Checked afterwards: no key was made.`);
  return new AppError(
    "unverified",
    `KMS did not answer CreateKey for ${found.target}, and the console could not yet find out whether it made the ` +
      "key. It is recorded as unknown and checked again; look for it before creating another one.",
  );
}

/** A retry of CreateAlias after a lost answer finds its own alias: that is success, not a conflict. */
async function aliasKey(region: string, alias: string, keyArn: string): Promise<void> {
  const client = kmsClient(region);
  try {
    await client.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: keyArn }));
  } catch (err) {
    if (isAwsError(err, "AlreadyExistsException") && (await aliasTarget(region, alias)) === keyArn.split("/").pop())
      return;
    // Without its alias the new key would be an orphan nobody can find: schedule its deletion.
    await client.send(new ScheduleKeyDeletionCommand({ KeyId: keyArn, PendingWindowInDays: 7 })).catch(() => undefined);
    if (isAwsError(err, "AlreadyExistsException"))
      throw new AppError("conflict", `The alias ${alias} already exists in ${region}: choose another name.`);
    throw awsCallError(err, "CreateAlias", alias);
  }
}

async function aliasTarget(region: string, alias: string): Promise<string | null> {
  const out = await send(kmsClient(region), new ListAliasesCommand({}), `aliases in ${region}`);
  return out.Aliases?.find((a) => a.AliasName === alias)?.TargetKeyId ?? null;
}

/** Looks for the key a lost CreateKey answer may have made, by its write tag; settles the record either way. */
async function settleKeyWrite(write: StoredWrite<KeyRequest>): Promise<StoredWrite<KeyRequest>> {
  try {
    const keyArn = await keyTaggedWith(write.request.region, String(write.id));
    const settled = keyArn
      ? settleWrite<KeyRequest>(write.id, {
          status: "applied",
          note: `Checked: KMS has the key (${keyArn}).`,
          result: keyArn,
        })
      : settleWrite<KeyRequest>(write.id, { status: "failed", note: "Checked: KMS has no key from this request." });
    return settled ?? getWrite<KeyRequest>(write.id)!;
  } catch (err) {
    const why = err instanceof AppError ? err.message : "unexpected error";
    return settleWrite<KeyRequest>(write.id, { status: "unknown", note: `Checking KMS failed: ${why}` }) ?? write;
  }
}

async function keyTaggedWith(region: string, id: string): Promise<string | null> {
  const client = kmsClient(region);
  let marker: string | undefined;
  do {
    const page = await send(client, new ListKeysCommand({ Marker: marker }), `keys in ${region}`);
    for (const k of page.Keys ?? []) {
      const tags = await send(client, new ListResourceTagsCommand({ KeyId: k.KeyId! }), k.KeyArn ?? k.KeyId!);
      if (tags.Tags?.some((t) => t.TagKey === writeTag && t.TagValue === id)) return k.KeyArn!;
    }
    marker = page.Truncated ? page.NextMarker : undefined;
  } while (marker);
  return null;
}

/** Start-up: key creations a crash or a lost answer left unsettled in the current account, settled by their tags. */
export async function settleKeyWrites(statuses: readonly ("pending" | "unknown")[]): Promise<number> {
  const { account } = await callerIdentity();
  let left = 0;
  for (const write of unsettledWrites<KeyRequest>("kms-create-key", statuses).filter((w) => w.account === account)) {
    const settled = await settleKeyWrite(write);
    if (settled.status === "unknown") left++;
    // The request that made it stopped before its alias: give the key its alias now (or schedule its deletion).
    if (settled.status === "applied" && settled.result)
      await aliasKey(write.request.region, write.request.alias, settled.result).catch((err: unknown) =>
        console.error(`[kms] could not alias ${settled.result}:`, (err as Error).message),
      );
  }
  return left;
}
