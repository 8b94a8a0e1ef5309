// Credentials for the accounts the console reaches through a role: one AssumeRole per account,
// shared by every client and request, and renewed ahead of expiry so no AWS call ever carries
// credentials that lapse mid-flight. Pure (assume and clock are injected) so the refresh rule
// is tested without waiting an hour.

export type RoleCredentials = { accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: Date };

export type RoleTarget = {
  id: string;
  roleArn: string;
  externalId: string | null;
  /** Who the session is for (role-session-name.ts): one session, and one set of credentials, per person. */
  session?: { name: string; sourceIdentity: string | null };
};

/** Renew this long before expiry: longer than the slowest scan's longest AWS call with retries. */
export const refreshMarginMs = 5 * 60_000;

/** The credentials held per role, and when they expire (Infinity while AssumeRole is pending). */
export type HeldRoleCredentials = Map<string, { credentials: Promise<RoleCredentials>; expiresAt: number }>;

export function createRoleCredentialCache(
  assume: (target: RoleTarget) => Promise<RoleCredentials>,
  now: () => number = Date.now,
  held: HeldRoleCredentials = new Map(),
) {
  return function credentialsFor(target: RoleTarget): Promise<RoleCredentials> {
    const key = `${target.id}|${target.roleArn}|${target.externalId ?? ""}|${target.session?.name ?? ""}`;
    const hit = held.get(key);
    // A pending assume has expiresAt Infinity: concurrent callers share it instead of racing.
    if (hit && hit.expiresAt - refreshMarginMs > now()) return hit.credentials;
    const entry = { credentials: assume(target), expiresAt: Number.POSITIVE_INFINITY };
    held.set(key, entry);
    entry.credentials.then(
      (c) => {
        entry.expiresAt = c.expiration.getTime();
      },
      // A failure is not kept: the next request asks again (the role may have been fixed).
      () => {
        if (held.get(key) === entry) held.delete(key);
      },
    );
    return entry.credentials;
  };
}

/**
 * AssumeRole with SourceIdentity where the role's trust policy allows sts:SetSourceIdentity. STS refuses the whole
 * call otherwise (AccessDenied), so a refused role is asked again without it and remembered in `refused`: its
 * sessions still carry the person in their session name. A refusal without SourceIdentity is the caller's to report.
 */
export async function assumeWithSourceIdentity<R>(
  target: RoleTarget,
  refused: Set<string>,
  assume: (sourceIdentity: string | null) => Promise<R>,
  isDenied: (err: unknown) => boolean,
): Promise<R> {
  const wanted = target.session?.sourceIdentity ?? null;
  if (!wanted || refused.has(target.roleArn)) return assume(null);
  try {
    return await assume(wanted);
  } catch (err) {
    if (!isDenied(err)) throw err;
    const result = await assume(null);
    refused.add(target.roleArn);
    return result;
  }
}
