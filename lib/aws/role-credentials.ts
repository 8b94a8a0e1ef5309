// Credentials for the accounts the console reaches through a role: one AssumeRole per account,
// shared by every client and request, and renewed ahead of expiry so no AWS call ever carries
// credentials that lapse mid-flight. Pure (assume and clock are injected) so the refresh rule
// is tested without waiting an hour.

export type RoleCredentials = { accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: Date };

export type RoleTarget = { id: string; roleArn: string; externalId: string | null };

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
    const key = `${target.id}|${target.roleArn}|${target.externalId ?? ""}`;
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
