"use client";
import { useClearCacheOnSignInChange } from "@/lib/client/use-clear-cache-on-sign-in-change";

/** Nothing to see: keeps one user's cached data from showing to the next (see the hook). */
export function SessionBoundary() {
  useClearCacheOnSignInChange();
  return null;
}
