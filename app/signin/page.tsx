import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { signInWithOidc, signInWithPassword } from "@/lib/http/auth/actions";
import { safeCallbackPath } from "@/lib/http/auth/callback-path";
import { serverEnv } from "@/lib/runtime/env";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

// Auth.js error types (?error=) as sentences; anything else gets the generic one.
const errorText: Record<string, string> = {
  CredentialsSignin: "Wrong user name or password (or too many attempts: wait a minute).",
  AccessDenied:
    "Your account has no role in this console. Ask an administrator to add your group or email to CONSOLE_OPERATOR_* or CONSOLE_VIEWER_*.",
  Verification: "The sign-in link is no longer valid. Sign in again.",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  const sp = await searchParams;
  const { auth } = serverEnv();
  const callbackUrl = safeCallbackPath(sp.callbackUrl);
  const error =
    typeof sp.error === "string"
      ? (errorText[sp.error] ??
        "Sign-in failed. Try again, or ask an administrator to check the sign-in configuration.")
      : null;
  const hasPassword = auth.staticUsers.length > 0;

  return (
    <div className="mx-auto max-w-sm py-10">
      <h1 className="text-2xl font-semibold tracking-tight">Sign in</h1>
      {!auth.enabled ? (
        <p className="mt-3 text-sm text-slate-700" data-testid="signin-not-configured">
          Sign-in is not configured: this console serves its local user on 127.0.0.1 as operator.{" "}
          <Link href="/" className="text-brand-700 underline">
            Open the console
          </Link>
          .
        </p>
      ) : (
        <div className="mt-5 space-y-5">
          {sp.signedOut && !error && (
            <p role="status" className="rounded border border-slate-200 bg-white px-3 py-2 text-sm">
              You are signed out.
            </p>
          )}
          {error && (
            <p
              role="alert"
              className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900"
              data-testid="signin-error"
            >
              {error}
            </p>
          )}
          {auth.oidc && (
            <form action={signInWithOidc}>
              <input type="hidden" name="callbackUrl" value={callbackUrl} />
              <Button type="submit" variant="primary" className="w-full">
                Sign in with {auth.oidc.name}
              </Button>
            </form>
          )}
          {auth.oidc && hasPassword && <p className="text-center text-xs text-slate-500">or</p>}
          {hasPassword && (
            <form action={signInWithPassword} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
              <input type="hidden" name="callbackUrl" value={callbackUrl} />
              <div>
                <label htmlFor="username" className="block text-sm font-medium">
                  User name
                </label>
                <input
                  id="username"
                  name="username"
                  autoComplete="username"
                  required
                  maxLength={64}
                  className="mt-1 w-full rounded border border-slate-300 px-2 py-1.5 text-sm"
                />
              </div>
              <div>
                <label htmlFor="password" className="block text-sm font-medium">
                  Password
                </label>
                <input
                  id="password"
                  name="password"
                  type="password"
                  autoComplete="current-password"
                  required
                  maxLength={1024}
                  className="mt-1 w-full rounded border border-slate-300 px-2 py-1.5 text-sm"
                />
              </div>
              <Button type="submit" variant="primary" className="w-full">
                Sign in
              </Button>
            </form>
          )}
        </div>
      )}
    </div>
  );
}
