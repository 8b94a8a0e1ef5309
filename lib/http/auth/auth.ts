import "server-only";
import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { serverEnv } from "@/lib/runtime/env";
import { processWide } from "@/lib/runtime/process-wide";
import { createRateLimiter } from "@/lib/http/rate-limit";
import { verifyPassword } from "@/lib/runtime/password.mjs";
import { groupsFromClaim, oidcRole } from "./roles";

/**
 * Password attempts per user name, ten a minute: one count per process, so the sign-in route and the sign-in
 * page's server action (different bundles) share it.
 */
const takeSignInAttempt = processWide("SignInLimiter", () => createRateLimiter({ perMinute: 10 }));

// Auth.js (next-auth v5) with the sign-in methods the environment configures: an OpenID
// Connect provider and/or static credentials (scrypt hashes). Sessions are encrypted JWTs in
// http-only, SameSite=Lax cookies, Secure and __Secure- prefixed on https. The role is not
// stored in the session: lib/http/auth/session.ts derives it per request from the configuration.

function config(): NextAuthConfig {
  const { auth } = serverEnv();
  const providers: NextAuthConfig["providers"] = [];
  if (auth.oidc) {
    providers.push({
      id: "oidc",
      name: auth.oidc.name,
      type: "oidc",
      issuer: auth.oidc.issuer,
      clientId: auth.oidc.clientId,
      clientSecret: auth.oidc.clientSecret,
      checks: ["pkce", "state", "nonce"],
      authorization: { params: { scope: "openid email profile" } },
    });
  }
  if (auth.staticUsers.length > 0) {
    providers.push(
      Credentials({
        id: "credentials",
        name: "User name and password",
        credentials: { username: { label: "User name" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          const username = typeof credentials.username === "string" ? credentials.username.slice(0, 64) : "";
          const password = typeof credentials.password === "string" ? credentials.password.slice(0, 1024) : "";
          if (!takeSignInAttempt(username).ok) return null;
          const user = auth.staticUsers.find((u) => u.name === username);
          // verifyPassword runs a full scrypt even for an unknown name, so timing does not tell names apart.
          return (await verifyPassword(password, user?.passwordHash)) && user
            ? { id: user.name, name: user.name }
            : null;
        },
      }),
    );
  }
  return {
    providers,
    secret: auth.secret,
    // The server binds to one address and the IdP only redirects to registered URLs; set
    // AUTH_URL behind a proxy so callback URLs do not depend on the Host header.
    trustHost: true,
    session: { strategy: "jwt", maxAge: auth.sessionMaxAgeSeconds },
    pages: { signIn: "/signin", error: "/signin" },
    callbacks: {
      signIn({ account, profile }) {
        if (account?.provider !== "oidc") return true;
        // Refuse at the door anyone the role mapping does not know, instead of a session with no rights.
        const groups = groupsFromClaim(profile?.[auth.oidc?.groupsClaim ?? "groups"]);
        const emailVerified = typeof profile?.email_verified === "boolean" ? profile.email_verified : null;
        return oidcRole({ email: profile?.email, emailVerified, groups }, auth.roles) !== null;
      },
      jwt({ token, account, profile, user }) {
        if (account?.provider === "credentials") return { sub: user.id, name: user.name, method: "password" };
        if (account?.provider === "oidc") {
          return {
            sub: token.sub,
            name: profile?.name ?? token.name,
            email: profile?.email ?? token.email,
            emailVerified: typeof profile?.email_verified === "boolean" ? profile.email_verified : undefined,
            groups: groupsFromClaim(profile?.[auth.oidc?.groupsClaim ?? "groups"]),
            method: "oidc",
          };
        }
        return token;
      },
    },
  };
}

export const { handlers, signIn, signOut } = NextAuth(() => config());
