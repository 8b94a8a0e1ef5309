import "server-only";
import { DescribeKeyCommand } from "@aws-sdk/client-kms";
import { kmsClient } from "@/lib/aws/clients";
import { isAwsError } from "@/lib/aws/errors";
import { awsCallError } from "@/lib/aws/send";
import { keyArn, parseKeyRef } from "@/lib/contracts/key-ref";
import { forgetAliasIndex, loadAliasIndex } from "@/lib/kms/alias-index";

/**
 * What a key reference designates: `arn` is a key ARN or null, never the reference itself;
 * `problem` says why S3 cannot use the key (it does not validate the key id it is given).
 */
export type KeyResolution = { arn: string | null; alias: string | null; problem: KeyProblem | null };
export type KeyProblem = { code: string; message: string };

export type KeyResolver = {
  resolve(reference: string): Promise<KeyResolution>;
  aliasOf(keyId: string): Promise<string | null>;
};

// AWS creates the managed key aws/s3 the first time S3 needs it: until then the alias has no
// target, which is not a fault (and DescribeKey would create the key, so it is not asked).
const managedS3Alias = "alias/aws/s3";

/**
 * Resolves the key references of one region for one piece of work (a scan, a page, a review).
 * The alias listing is shared and up to 30 s old (alias-index.ts), so a miss in it is checked
 * again before it becomes an answer: an alias with DescribeKey (one call, as current as it
 * gets), a key's alias with one fresh listing per piece of work (keys without an alias are
 * common, so one listing rather than one call per key).
 * `freshListing` makes the work list aliases once itself, so that an alias deleted or moved a
 * moment ago is not taken from an older listing either: for postures, which are kept.
 */
export function keyResolver(region: string, account: string, { freshListing = false } = {}): KeyResolver {
  const startedAt = Date.now();
  const listing = () => loadAliasIndex(region, account, freshListing ? startedAt : 0);
  const foreign = new Map<string, Promise<KeyResolution>>();

  const aliasOf = async (keyId: string) =>
    (await listing()).aliasOf(keyId) ?? (await loadAliasIndex(region, account, startedAt)).aliasOf(keyId);

  const resolveAlias = async (alias: string, reference: string): Promise<KeyResolution> => {
    const target = (await listing()).targetOf(alias);
    if (target) return { arn: keyArn(region, account, target), alias, problem: null };
    if (alias === managedS3Alias) {
      const fresh = (await loadAliasIndex(region, account, startedAt)).targetOf(alias);
      return { arn: fresh ? keyArn(region, account, fresh) : null, alias, problem: null };
    }
    try {
      const { KeyMetadata: m } = await kmsClient(region).send(new DescribeKeyCommand({ KeyId: reference }));
      if (m?.Arn) {
        // The shared listing is behind: the next reader lists again and names the key by it.
        forgetAliasIndex(region, account);
        return { arn: m.Arn, alias, problem: null };
      }
    } catch (err) {
      if (!isAwsError(err, "NotFoundException")) throw awsCallError(err, "DescribeKey", reference);
    }
    return unresolved("not_found", `The bucket names ${reference}, which does not exist in ${region}${failsToEncrypt}`);
  };

  // A key of another account is known only by asking KMS, and its policy may not let us.
  const describeForeign = (reference: string, owner: string, alias: string | null) => {
    let found = foreign.get(reference);
    if (!found) {
      const missing = unresolved("not_found", `The bucket names ${reference}, which does not exist${failsToEncrypt}`);
      found = kmsClient(region)
        .send(new DescribeKeyCommand({ KeyId: reference }))
        .then(
          ({ KeyMetadata: m }): KeyResolution => (m?.Arn ? { arn: m.Arn, alias, problem: null } : missing),
          (err: unknown) => {
            const e = awsCallError(err, "DescribeKey", reference);
            if (e.code === "not_found") return missing;
            if (e.code !== "access_denied") throw e;
            return unresolved(
              "access_denied",
              `The bucket names ${reference}, a key of account ${owner} that this console may not describe: ` +
                "new objects encrypt only if that key exists and its policy lets the writers use it.",
            );
          },
        );
      foreign.set(reference, found);
      found.catch(() => foreign.delete(reference));
    }
    return found;
  };

  const resolve = async (reference: string): Promise<KeyResolution> => {
    const parsed = parseKeyRef(reference);
    if (!parsed.ok) {
      return unresolved(
        "invalid_input",
        `The bucket names ${reference}, which is not a KMS key id, key ARN or alias${failsToEncrypt}`,
      );
    }
    const ref = parsed.ref;
    if ((ref.kind === "key-arn" || ref.kind === "alias-arn") && ref.region !== region) {
      const problem = `The bucket names ${reference}, a key in ${ref.region}, but the bucket is in ${region}${failsToEncrypt}`;
      return { ...unresolved("wrong_region", problem), arn: ref.kind === "key-arn" ? reference : null };
    }
    switch (ref.kind) {
      case "key-id":
        return { arn: keyArn(region, account, ref.keyId), alias: await aliasOf(ref.keyId), problem: null };
      case "key-arn":
        return ref.account === account
          ? { arn: reference, alias: await aliasOf(ref.keyId), problem: null }
          : describeForeign(reference, ref.account, null);
      case "alias-arn":
        return ref.account === account
          ? resolveAlias(ref.alias, reference)
          : describeForeign(reference, ref.account, ref.alias);
      case "alias-name":
        return resolveAlias(ref.alias, reference);
    }
  };

  return { resolve, aliasOf };
}

const failsToEncrypt = " — new objects will fail to encrypt.";

function unresolved(code: string, message: string): KeyResolution {
  return { arn: null, alias: null, problem: { code, message } };
}
