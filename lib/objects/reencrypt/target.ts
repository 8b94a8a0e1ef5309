import "server-only";
import { AppError } from "@/lib/contracts/errors";
import { readCurrentEncryption } from "@/lib/encryption/current";
import { describeKey } from "@/lib/kms/describe-key";

/** The key existing objects move to: the bucket's default SSE-KMS key, as a full ARN. */
export async function reencryptionTarget(bucket: string): Promise<{ region: string; keyArn: string }> {
  const current = await readCurrentEncryption(bucket);
  if (current.encryption.type !== "SSE-KMS") {
    throw new AppError(
      "check_failed",
      `${bucket}'s default encryption is ${current.encryption.type}: set SSE-KMS with a Bucket Key first (Edit default encryption), then re-encrypt.`,
    );
  }
  const { kmsKeyArn, kmsKeyProblem, kmsKeyReference } = current.encryption;
  // Every object would fail to move to a key S3 cannot use: the default is fixed first.
  if (kmsKeyProblem)
    throw new AppError("check_failed", `${kmsKeyProblem.message} Edit default encryption to choose a usable key.`);
  const keyArn = kmsKeyArn ?? (await describeKey(kmsKeyReference ?? "alias/aws/s3", current.region)).arn;
  return { region: current.region, keyArn };
}
