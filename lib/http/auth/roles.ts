// Who gets which role: pure rules over the identity an OpenID Connect provider vouches for
// and the role configuration (lib/runtime/env.ts). No match means no access at all.

export type Role = "viewer" | "operator";

export type RoleRules = {
  operatorGroups: string[];
  viewerGroups: string[];
  operatorEmails: string[];
  viewerEmails: string[];
  /** CONSOLE_OIDC_TRUST_EMAIL_WITHOUT_VERIFIED_CLAIM=1: an email with no email_verified claim counts. */
  trustEmailWithoutVerifiedClaim: boolean;
};

type OidcIdentity = { email?: string | null; emailVerified?: boolean | null; groups: string[] };

/** An allow-list entry is an exact address, "*@domain" for a whole domain, or "*" for everyone verified. */
function emailMatches(email: string, pattern: string): boolean {
  const p = pattern.toLowerCase();
  if (p === "*") return true;
  if (p.startsWith("*@")) return email.endsWith(p.slice(1));
  return email === p;
}

export function oidcRole(identity: OidcIdentity, rules: RoleRules): Role | null {
  // An address the provider has not said it verified proves nothing about who signed in: a missing
  // email_verified counts as false unless the operator opted in for a provider that never sends it.
  const verified =
    identity.emailVerified === true || (identity.emailVerified == null && rules.trustEmailWithoutVerifiedClaim);
  const email = identity.email && verified ? identity.email.toLowerCase() : null;
  const inGroups = (wanted: string[]) => identity.groups.some((g) => wanted.includes(g));
  const inEmails = (patterns: string[]) => email !== null && patterns.some((p) => emailMatches(email, p));
  if (inGroups(rules.operatorGroups) || inEmails(rules.operatorEmails)) return "operator";
  if (inGroups(rules.viewerGroups) || inEmails(rules.viewerEmails)) return "viewer";
  return null;
}

/** Group claims come in several shapes (array, comma string); anything else counts as none. */
export function groupsFromClaim(claim: unknown): string[] {
  const values = Array.isArray(claim) ? claim : typeof claim === "string" ? claim.split(",") : [];
  return values
    .filter((v): v is string => typeof v === "string")
    .map((v) => v.trim())
    .filter(Boolean)
    .slice(0, 200);
}
