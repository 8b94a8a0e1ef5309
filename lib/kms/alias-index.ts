import "server-only";
import { paginateListAliases } from "@aws-sdk/client-kms";
import { kmsClient } from "@/lib/aws/clients";
import { toAppError } from "@/lib/aws/errors";
import { keyArn, parseKeyRef } from "@/lib/contracts/key-ref";
import { aliasIndexes as recent } from "@/lib/server/process-state";

type AliasEntry = { alias: string; targetKeyId: string | null; aliasArn: string | null };

/** The aliases of one region, for naming keys and resolving alias references. */
export class AliasIndex {
  private readonly byAlias = new Map<string, AliasEntry>();
  private readonly byKeyId = new Map<string, string>();

  constructor(
    readonly region: string,
    readonly account: string,
    entries: AliasEntry[],
  ) {
    for (const e of entries) {
      this.byAlias.set(e.alias, e);
      // Several aliases may point at one key; prefer customer aliases over aws/*.
      if (
        e.targetKeyId &&
        (!this.byKeyId.has(e.targetKeyId) || this.byKeyId.get(e.targetKeyId)!.startsWith("alias/aws/"))
      ) {
        this.byKeyId.set(e.targetKeyId, e.alias);
      }
    }
  }

  targetOf(alias: string): string | null {
    return this.byAlias.get(alias)?.targetKeyId ?? null;
  }

  aliasOf(keyId: string): string | null {
    return this.byKeyId.get(keyId) ?? null;
  }

  /** Resolves any key reference of this region to { arn, alias }; arn is null when unknown. */
  resolve(reference: string): { arn: string | null; alias: string | null } {
    const check = parseKeyRef(reference);
    if (!check.ok) return { arn: null, alias: null };
    const ref = check.ref;
    switch (ref.kind) {
      case "key-arn":
        return { arn: reference.trim(), alias: ref.region === this.region ? this.aliasOf(ref.keyId) : null };
      case "key-id":
        return { arn: keyArn(this.region, this.account, ref.keyId), alias: this.aliasOf(ref.keyId) };
      case "alias-name":
      case "alias-arn": {
        const target = this.byAlias.get(ref.alias)?.targetKeyId;
        return { arn: target ? keyArn(this.region, this.account, target) : null, alias: ref.alias };
      }
    }
  }
}

// A review reads the bucket's configuration and resolves the proposed key, each naming keys by
// alias; a bulk review does so per bucket. One listing per region serves them for a short while.
const ttlMs = 30_000;

export function loadAliasIndex(region: string, account: string): Promise<AliasIndex> {
  const key = `${account}:${region}`;
  const hit = recent.get(key);
  if (hit && Date.now() - hit.at < ttlMs) return hit.index;
  const index = listAliasIndex(region, account);
  recent.set(key, { at: Date.now(), index });
  index.catch(() => recent.delete(key));
  return index;
}

/** After the console creates an alias, the next lookup must see it. */
export function forgetAliasIndex(region: string, account: string): void {
  recent.delete(`${account}:${region}`);
}

async function listAliasIndex(region: string, account: string): Promise<AliasIndex> {
  const entries: AliasEntry[] = [];
  try {
    for await (const page of paginateListAliases({ client: kmsClient(region) }, {})) {
      for (const a of page.Aliases ?? []) {
        if (a.AliasName)
          entries.push({ alias: a.AliasName, targetKeyId: a.TargetKeyId ?? null, aliasArn: a.AliasArn ?? null });
      }
    }
  } catch (err) {
    throw toAppError(err, "kms:ListAliases", `KMS aliases in ${region}`);
  }
  return new AliasIndex(region, account, entries);
}
