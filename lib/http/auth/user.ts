import type { Role } from "./roles";

// The person behind a request. "local" is the single user of a console that has no
// sign-in configured (which only ever binds to loopback): they operate.
export type SessionUser = { id: string; name: string; role: Role; method: "local" | "oidc" | "password" };

export const localUser: SessionUser = { id: "local", name: "local user", role: "operator", method: "local" };

/** What the change history records as "who": null for the unnamed local user. */
export function auditUser(user: SessionUser): string | null {
  return user.method === "local" ? null : user.name;
}
