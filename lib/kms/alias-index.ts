import "server-only";
import { paginateListAliases } from "@aws-sdk/client-kms";
import { kmsClient } from "@/lib/aws/clients";
import { awsCallError } from "@/lib/aws/send";
import { processWide } from "@/lib/runtime/process-wide";

type AliasEntry = { alias: string; targetKeyId: string | null; aliasArn: string | null };

/** The aliases of one region, for naming keys and resolving alias references. */
class AliasIndex {
  private readonly byAlias = new Map<string, AliasEntry>();
  private readonly byKeyId = new Map<string, string>();

  constructor(
    readonly region: string,
    readonly account: string,
    entries: AliasEntry[],
    /** When the listing was asked for (ms): a miss in it is only as current as this. */
    readonly listedAt: number,
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
}

// A review reads the bucket's configuration and resolves the proposed key, each naming keys by
// alias; a bulk review does so per bucket. One listing per region serves them for a short while.
const ttlMs = 30_000;
// One per process: key creation (a route) forgets a region's listing that a review (another route) reads.
const recent = processWide("AliasIndexes", () => new Map<string, { at: number; index: Promise<AliasIndex> }>());

/**
 * The region's aliases, listed within the last 30 s. `listedSince` (ms) asks for a listing made
 * at or after that moment: a miss in an older listing is a reason to look again (key-resolver.ts).
 */
export function loadAliasIndex(region: string, account: string, listedSince = 0): Promise<AliasIndex> {
  const key = `${account}:${region}`;
  const hit = recent.get(key);
  const now = Date.now();
  if (hit && now - hit.at < ttlMs && hit.at >= listedSince) return hit.index;
  const index = listAliasIndex(region, account, now);
  recent.set(key, { at: now, index });
  index.catch(() => recent.delete(key));
  return index;
}

/** After the console creates an alias, the next lookup must see it. */
export function forgetAliasIndex(region: string, account: string): void {
  recent.delete(`${account}:${region}`);
}

async function listAliasIndex(region: string, account: string, listedAt: number): Promise<AliasIndex> {
  const entries: AliasEntry[] = [];
  try {
    for await (const page of paginateListAliases({ client: kmsClient(region) }, {})) {
      for (const a of page.Aliases ?? []) {
        if (a.AliasName)
          entries.push({ alias: a.AliasName, targetKeyId: a.TargetKeyId ?? null, aliasArn: a.AliasArn ?? null });
      }
    }
  } catch (err) {
    throw awsCallError(err, "ListAliases", `KMS aliases in ${region}`);
  }
  return new AliasIndex(region, account, entries, listedAt);
}
