import "server-only";
import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { serverEnv } from "@/lib/runtime/env";
import { processWide } from "@/lib/runtime/process-wide";
import { verifyPassword } from "@/lib/runtime/password.mjs";
import { peerAddress } from "@/lib/http/peer-address";
import { createSignInThrottle } from "@/lib/http/sign-in-throttle";
import { groupsFromClaim, oidcRole } from "./roles";

/**
 * Failed password attempts per address and per (user name, address): one count per process, so the sign-in route
 * and the sign-in page's server action (different bundles) share it.
 */
const signInThrottle = processWide("SignInThrottle", () => createSignInThrottle());

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
        async authorize(credentials, request) {
          const username = typeof credentials.username === "string" ? credentials.username.slice(0, 64) : "";
          const password = typeof credentials.password === "string" ? credentials.password.slice(0, 1024) : "";
          const address = peerAddress(request.headers);
          // A refused attempt checks no password: a flood costs no scrypt, and says nothing about the name.
          if (!signInThrottle.check(username, address).ok) return null;
          const user = auth.staticUsers.find((u) => u.name === username);
          // verifyPassword runs a full scrypt against a fixed dummy hash for an unknown name: the same work.
          const ok = (await verifyPassword(password, user?.passwordHash)) && user !== undefined;
          if (!ok) {
            signInThrottle.failed(username, address);
            return null;
          }
          signInThrottle.succeeded(username, address);
          return { id: user.name, name: user.name };
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
