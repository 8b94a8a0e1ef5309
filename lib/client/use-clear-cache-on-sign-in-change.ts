"use client";
import { useQueryClient } from "@tanstack/react-query";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

// Signing in or out navigates without a page load, so the query cache still holds what the
// previous user (or nobody) saw: clear it whenever the sign-in page is entered or left.
export function useClearCacheOnSignInChange() {
  const pathname = usePathname();
  const client = useQueryClient();
  const wasOnSignIn = useRef(pathname.startsWith("/signin"));
  useEffect(() => {
    const onSignIn = pathname.startsWith("/signin");
    if (onSignIn !== wasOnSignIn.current) client.resetQueries();
    wasOnSignIn.current = onSignIn;
  }, [pathname, client]);
}
