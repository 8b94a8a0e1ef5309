import "server-only";
import { DeleteBucketEncryptionCommand, PutBucketEncryptionCommand } from "@aws-sdk/client-s3";
import type { ApplyResult, CurrentEncryption, ProposedEncryption } from "@/lib/contracts/encryption";
import type { EncryptionConfig } from "@/lib/contracts/encryption-config";
import type { BucketEncryption } from "@/lib/contracts/inventory";
import { AppError } from "@/lib/contracts/errors";
import { s3Client } from "@/lib/aws/clients";
import { awsCallError } from "@/lib/aws/send";
import { callerIdentity } from "@/lib/aws/identity";
import { readCurrentEncryption } from "@/lib/encryption/current";
import { sameConfiguration } from "@/lib/encryption/change";
import { markEncryptionStale, storeEncryption } from "@/lib/inventory/refresh";
import { reconcileChange, reconcileSoon } from "@/lib/encryption/reconcile";
import { reviewEncryptionChange, type UsageLookup } from "@/lib/encryption/preflight";
import { beginChange, getChange, publicChange, settleChange, type StoredChange } from "@/lib/changes/store";
import { outcomeOfError, thrownWrite } from "@/lib/changes/write-outcome";
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
 * Records the change as pending, puts the configuration, reads it back and settles the record:
 * applied (with the read-back), failed (S3 refused it; S3 applies PutBucketEncryption atomically,
 * so the bucket is as it was) or unknown (the answer was lost, or S3 accepted it and the read-back
 * failed). An unknown change is checked at once by reading the bucket; if that fails too, the
 * answer says so (`unverified`) and reconcile.ts keeps checking.
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
  const call = target ? "PutBucketEncryption" : "DeleteBucketEncryption";
  const base = { account, bucket, region, actor: arn, user: actor.user, kind, before: current.encryption, after };
  const change = beginChange({ ...base, beforeRaw: current.raw, afterRaw: target, undoes }, `${call} sent to S3.`);
  try {
    const s3 = s3Client(region);
    if (target)
      await s3.send(new PutBucketEncryptionCommand({ Bucket: bucket, ServerSideEncryptionConfiguration: target }));
    else await s3.send(new DeleteBucketEncryptionCommand({ Bucket: bucket }));
  } catch (err) {
    const e = awsCallError(err, call, bucket);
    const outcome = outcomeOfError(call, thrownWrite(err));
    if (outcome.status === "failed") {
      settleChange(change.id, { ...outcome, message: e.message });
      throw e;
    }
    settleChange(change.id, outcome);
    return checkLostAnswer(change.id, target, e, outcome.note);
  }
  let readBack: CurrentEncryption;
  try {
    readBack = await readCurrentEncryption(bucket);
  } catch (err) {
    const why = err instanceof AppError ? err.message : "unexpected error";
    const note = `S3 accepted ${call}, but reading the bucket back failed (${why}): not verified.`;
    settleChange(change.id, { status: "unknown", note });
    markEncryptionStale(account, bucket, `Change #${change.id} could not be verified yet: re-read when it is.`);
    reconcileSoon();
    throw new AppError(
      "unverified",
      `The change to ${bucket} went through (S3 accepted it) but could not be verified: reading it back failed. ` +
        `History shows change #${change.id} as unknown until the console reads the bucket again (it keeps trying).`,
      { change: publicChange(getChange(change.id)!) },
    );
  }
  // Only this bucket's row changes: the read-back is its new encryption, nothing is rescanned.
  await storeEncryption(account, bucket, readBack.encryption);
  const verified = sameConfiguration(readBack.raw, target);
  const settled = settleChange(change.id, {
    status: "applied",
    note: verified ? "S3 reports what was put." : "S3 reports a configuration that differs from the one put.",
    after: readBack.encryption,
    message: verified ? null : "S3 reports a configuration that differs from the one put: review the bucket.",
  });
  return { current: readBack, verified, change: publicChange(settled ?? getChange(change.id)!) };
}

/** S3's answer was lost: read the bucket now to settle the change; if that fails too, say so plainly. */
async function checkLostAnswer(
  id: number,
  target: EncryptionConfig | null,
  error: AppError,
  note: string,
): Promise<ApplyResult> {
  const { change: checked, current } = await reconcileChange(getChange(id)!);
  if (checked.status === "applied" && current)
    return { current, verified: sameConfiguration(current.raw, target), change: publicChange(checked) };
  if (checked.status === "failed")
    throw new AppError(error.code, `${error.message} Checked afterwards: the change was not made.`, error.details);
  reconcileSoon();
  throw new AppError(
    "unverified",
    `The change to ${checked.bucket} may or may not have been made: ${note} Reading the bucket to find out failed ` +
      `too. History shows change #${id} as unknown until the console can read the bucket (it keeps trying).`,
    { change: publicChange(getChange(id)!) },
  );
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

async function rollbackInAccount(change: StoredChange, actor: Actor): Promise<ApplyResult> {
  const id = change.id;
  if (change.status === "pending" || change.status === "unknown")
    throw new AppError(
      "conflict",
      `Change #${id} is ${change.status}: the console has not verified whether it was made. ` +
        "Roll it back once it is applied.",
    );
  if (change.status !== "applied")
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
