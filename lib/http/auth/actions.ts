"use server";
import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { signIn, signOut } from "./auth";
import { safeCallbackPath } from "./callback-path";

// Server actions of the sign-in page and the header's sign-out button. Next checks that a
// server action comes from the console's own origin.

export async function signInWithPassword(formData: FormData): Promise<void> {
  const redirectTo = safeCallbackPath(formData.get("callbackUrl"));
  try {
    await signIn("credentials", { username: formData.get("username"), password: formData.get("password"), redirectTo });
  } catch (err) {
    // signIn redirects by throwing; only Auth.js errors mean the sign-in failed.
    if (err instanceof AuthError)
      redirect(`/signin?error=${encodeURIComponent(err.type)}&callbackUrl=${encodeURIComponent(redirectTo)}`);
    throw err;
  }
}

export async function signInWithOidc(formData: FormData): Promise<void> {
  await signIn("oidc", { redirectTo: safeCallbackPath(formData.get("callbackUrl")) });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/signin?signedOut=1" });
}
