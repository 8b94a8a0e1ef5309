// Who a role session names in CloudTrail. Pure: the session name and SourceIdentity follow STS's
// rules (2–64 characters of letters, digits and +=,.@_-; SourceIdentity must not start with "aws:").

/** The person a request acts for; null outside a request (scans, ingestion, start-up checks). */
export type ActingUser = { id: string; name: string; method: "local" | "oidc" | "password" };

/** The console's own background work: the name every session carried before sessions named people. */
export const consoleSessionName = "bucket-key-console";

function stsSafe(text: string): string {
  return text.replace(/[^\w+=,.@-]/g, "-").slice(0, 64);
}

/**
 * `bkc-<user>` for a person (the local user of a console without sign-in is "local"), so CloudTrail's
 * assumed-role ARN names who acted; the console's own session name for background work.
 */
export function roleSessionName(user: ActingUser | null): string {
  if (!user) return consoleSessionName;
  const who = user.method === "local" ? "local" : stsSafe(user.name || user.id);
  return `bkc-${who}`.slice(0, 64);
}

/**
 * The SourceIdentity to set: the person's sign-in name, which CloudTrail keeps on every call of the
 * session (and of role chains from it). None for background work or the unnamed local user.
 */
export function sourceIdentity(user: ActingUser | null): string | null {
  if (!user || user.method === "local") return null;
  const id = stsSafe(user.name || user.id).replace(/^aws:/i, "aws-");
  return id.length >= 2 ? id : null;
}
