import "server-only";
import { DeleteBucketEncryptionCommand, PutBucketEncryptionCommand } from "@aws-sdk/client-s3";
import type { ApplyResult, Change, CurrentEncryption, ProposedEncryption } from "@/lib/contracts/encryption";
import type { EncryptionConfig } from "@/lib/contracts/encryption-config";
import type { BucketEncryption } from "@/lib/contracts/inventory";
import { AppError } from "@/lib/contracts/errors";
import { s3Client } from "@/lib/aws/clients";
import { awsCallError } from "@/lib/aws/send";
import { callerIdentity } from "@/lib/aws/identity";
import { readCurrentEncryption } from "@/lib/encryption/current";
import { sameConfiguration } from "@/lib/encryption/change";
import { storeEncryption } from "@/lib/inventory/refresh";
import { reviewEncryptionChange, type UsageLookup } from "@/lib/encryption/preflight";
import { getChange, recordChange } from "@/lib/changes/change-store";
import { inAccount } from "@/lib/aws/account-context";
import { currentAccountId, findAccount } from "@/lib/accounts/accounts";
import { describeKey } from "@/lib/kms/describe-key";
import { keyUsability } from "@/lib/kms/key-usability";

type Actor = { user: string | null };

function assertUnchanged(current: CurrentEncryption, expectedVersion: string, what: string): void {
  if (current.version !== expectedVersion) {
    throw new AppError(
      "conflict",
      `The bucket's encryption changed since ${what} (someone else edited it). Review the current configuration and try again.`,
      { current },
    );
  }
}

/**
 * Puts the configuration, reads it back and records the outcome. Nothing is written unless
 * every step before succeeded; a failed put leaves the bucket as it was (S3 applies
 * PutBucketEncryption atomically) and is recorded as failed.
 */
async function putAndVerify(
  current: CurrentEncryption,
  target: EncryptionConfig | null,
  after: BucketEncryption,
  kind: "apply" | "rollback",
  actor: Actor,
  undoes?: number,
): Promise<ApplyResult> {
  const { bucket, region } = current;
  const [{ arn }, account] = await Promise.all([callerIdentity(), currentAccountId()]);
  const base = {
    account,
    bucket,
    region,
    actor: arn,
    user: actor.user,
    kind,
    before: current.encryption,
    after,
    beforeRaw: current.raw,
    afterRaw: target,
    undoes,
  };
  try {
    const s3 = s3Client(region);
    if (target)
      await s3.send(new PutBucketEncryptionCommand({ Bucket: bucket, ServerSideEncryptionConfiguration: target }));
    else await s3.send(new DeleteBucketEncryptionCommand({ Bucket: bucket }));
  } catch (err) {
    const e = awsCallError(err, target ? "PutBucketEncryption" : "DeleteBucketEncryption", bucket);
    recordChange({ ...base, result: "failed", message: e.message });
    throw e;
  }
  const readBack = await readCurrentEncryption(bucket);
  // Only this bucket's row changes: the read-back is its new encryption, nothing is rescanned.
  await storeEncryption(account, bucket, readBack.encryption);
  const verified = sameConfiguration(readBack.raw, target);
  const change = recordChange({
    ...base,
    after: readBack.encryption,
    result: "applied",
    message: verified ? null : "S3 reports a configuration that differs from the one put: review the bucket.",
  });
  return { current: readBack, verified, change };
}

export async function applyEncryption(
  bucket: string,
  proposed: ProposedEncryption,
  expectedVersion: string,
  acknowledgedWarnings: string[],
  actor: Actor,
  usageLookup: UsageLookup,
): Promise<ApplyResult> {
  const current = await readCurrentEncryption(bucket);
  assertUnchanged(current, expectedVersion, "you reviewed it");
  const review = await reviewEncryptionChange(current, proposed, usageLookup);
  const failed = review.checks.filter((c) => c.status === "fail");
  if (failed.length)
    throw new AppError("check_failed", `Not saved: ${failed.map((c) => c.message).join(" ")}`, {
      checks: review.checks,
    });
  const unacknowledged = review.checks.filter((c) => c.status === "warn" && !acknowledgedWarnings.includes(c.id));
  if (unacknowledged.length) {
    throw new AppError(
      "check_failed",
      `Not saved: acknowledge the warnings first (${unacknowledged.map((c) => c.title).join(", ")}).`,
      { checks: review.checks },
    );
  }
  return putAndVerify(current, review.putConfiguration, review.proposed, "apply", actor);
}

/** Restores the configuration a change replaced, under the same version rule and key checks. */
/** Rolls back in the account the change was made in, whichever account the request named. */
export async function rollbackChange(id: number, actor: Actor): Promise<ApplyResult> {
  const change = getChange(id);
  if (!change) throw new AppError("not_found", `No change #${id} in the history.`);
  if (!change.account) return rollbackInAccount(change, actor);
  return inAccount(await findAccount(change.account), () => rollbackInAccount(change, actor));
}

async function rollbackInAccount(change: Change, actor: Actor): Promise<ApplyResult> {
  const id = change.id;
  if (change.result !== "applied")
    throw new AppError("check_failed", `Change #${id} failed when it was made: there is nothing to roll back.`);
  if (change.rolledBackBy !== null)
    throw new AppError("conflict", `Change #${id} was already rolled back by change #${change.rolledBackBy}.`);
  const current = await readCurrentEncryption(change.bucket);
  if (!sameConfiguration(current.raw, change.afterRaw)) {
    throw new AppError(
      "conflict",
      `The bucket's encryption changed after change #${id}: rolling back would overwrite a newer change. Review the current configuration.`,
      { current },
    );
  }
  const previousKey = change.before.kmsKeyArn;
  if (previousKey && change.before.type !== "SSE-S3") {
    const key = await describeKey(previousKey, change.region);
    const { usable, reason } = keyUsability(key, change.region);
    if (!usable)
      throw new AppError(
        "check_failed",
        `Cannot roll back: the previous key ${change.before.kmsKeyAlias ?? previousKey} is no longer usable (${reason})`,
      );
  }
  return putAndVerify(current, change.beforeRaw, change.before, "rollback", actor, id);
}
