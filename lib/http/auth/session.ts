import "server-only";
import { getToken } from "next-auth/jwt";
import { serverEnv } from "@/lib/runtime/env";
import { oidcRole } from "./roles";
import { localUser, type SessionUser } from "./user";

// Reads the signed-in user from the Auth.js session cookie (an encrypted JWT). The role is
// recomputed from the current configuration on every request, so removing someone from
// CONSOLE_OPERATOR_GROUPS or deleting a static credential takes effect at once.

/** Auth.js names the cookie __Secure-… on https: AUTH_URL decides, else the (forwarded) protocol. */
function isSecureRequest(request: Request): boolean {
  const configured = serverEnv().auth.url;
  if (configured) return new URL(configured).protocol === "https:";
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  return (forwarded ?? new URL(request.url).protocol.replace(":", "")) === "https";
}

export async function currentUser(request: Request): Promise<SessionUser | null> {
  const { auth } = serverEnv();
  if (!auth.enabled) return localUser;
  // A cookie that does not decrypt (tampered, old secret) is simply no session.
  const token = await getToken({ req: request, secret: auth.secret, secureCookie: isSecureRequest(request) }).catch(
    () => null,
  );
  if (!token?.sub) return null;
  if (token.method === "password") {
    const configured = auth.staticUsers.find((u) => u.name === token.sub);
    return configured
      ? { id: `password:${configured.name}`, name: configured.name, role: configured.role, method: "password" }
      : null;
  }
  if (token.method === "oidc" && auth.oidc) {
    const groups = Array.isArray(token.groups) ? token.groups.filter((g): g is string => typeof g === "string") : [];
    const email = typeof token.email === "string" ? token.email : null;
    const role = oidcRole(
      { email, emailVerified: typeof token.emailVerified === "boolean" ? token.emailVerified : null, groups },
      auth.roles,
    );
    return role
      ? {
          id: `oidc:${token.sub}`,
          name: email ?? (typeof token.name === "string" ? token.name : token.sub),
          role,
          method: "oidc",
        }
      : null;
  }
  return null;
}
