// Who gets which role: pure rules over the identity an OpenID Connect provider vouches for
// and the role configuration (lib/runtime/env.ts). No match means no access at all.

export type Role = "viewer" | "operator";

export type RoleRules = {
  operatorGroups: string[];
  viewerGroups: string[];
  operatorEmails: string[];
  viewerEmails: string[];
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
  // An address the provider has not verified proves nothing about who signed in.
  const email = identity.email && identity.emailVerified !== false ? identity.email.toLowerCase() : null;
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
