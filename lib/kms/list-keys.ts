import "server-only";
import { DescribeKeyCommand, paginateListKeys } from "@aws-sdk/client-kms";
import type { KmsKeyOption } from "@/lib/contracts/encryption";
import { kmsClient } from "@/lib/aws/clients";
import { awsCallError } from "@/lib/aws/send";
import { callerIdentity } from "@/lib/aws/identity";
import { mapLimit } from "@/lib/runtime/concurrency";
import { loadAliasIndex } from "@/lib/kms/alias-index";
import { keyResolver } from "@/lib/kms/key-resolver";
import { keyUsability } from "@/lib/kms/key-usability";

/** The keys of a region as the wizard lists them: aws/s3 first, then by alias. */
export async function listKmsKeys(region: string): Promise<KmsKeyOption[]> {
  const client = kmsClient(region);
  const { account } = await callerIdentity();
  // A key made a moment ago (in the KMS console, say) may be missing from the shared alias
  // listing: the resolver names it from a fresh listing, made at most once for this request.
  const resolver = keyResolver(region, account);
  const aliases = await loadAliasIndex(region, account);
  const ids: string[] = [];
  try {
    for await (const page of paginateListKeys({ client }, {}))
      for (const k of page.Keys ?? []) if (k.KeyId) ids.push(k.KeyId);
  } catch (err) {
    throw awsCallError(err, "ListKeys", `KMS keys in ${region}`);
  }
  // The AWS managed key aws/s3 is not always listed (AWS creates it on first use; moto leaves
  // it out of ListKeys), so it is asked for by alias.
  const managedId = aliases.targetOf("alias/aws/s3");
  const refs = managedId && ids.includes(managedId) ? ids : [...ids, "alias/aws/s3"];
  const keys = await mapLimit(refs, 8, async (ref): Promise<KmsKeyOption | null> => {
    const keyId = ref;
    try {
      const { KeyMetadata: m } = await client.send(new DescribeKeyCommand({ KeyId: ref }));
      if (!m?.Arn || !m.KeyId) return null;
      const facts = { state: m.KeyState ?? null, spec: m.KeySpec ?? null, usage: m.KeyUsage ?? null, region };
      return {
        arn: m.Arn,
        keyId: m.KeyId,
        alias: ref === "alias/aws/s3" ? ref : await resolver.aliasOf(m.KeyId),
        manager: m.KeyManager ?? null,
        ...facts,
        ...keyUsability(facts, region),
      };
    } catch (err) {
      if (ref === "alias/aws/s3") return null;
      const e = awsCallError(err, "DescribeKey", keyId);
      return {
        arn: `arn:aws:kms:${region}:${account}:key/${keyId}`,
        keyId,
        alias: await resolver.aliasOf(keyId),
        manager: null,
        state: null,
        spec: null,
        usage: null,
        region,
        usable: false,
        reason: e.message,
      };
    }
  });
  const rank = (k: KmsKeyOption) => (k.alias === "alias/aws/s3" ? "0" : k.alias ? `1${k.alias}` : `2${k.keyId}`);
  // Keys without an alias that AWS manages for other services (aws/ebs…) are noise here.
  return keys
    .filter((k): k is KmsKeyOption => k !== null)
    .filter((k) => !(k.alias?.startsWith("alias/aws/") && k.alias !== "alias/aws/s3"))
    .sort((a, b) => rank(a).localeCompare(rank(b)));
}
