"use client";
import { QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { AccountSelectionProvider } from "@/lib/client/account-scope";
import { SessionBoundary } from "@/components/shell/session-boundary";
import { ApiError } from "@/lib/client/fetch-json";

// An expired session shows up as 401 on whatever query runs next: go to the sign-in page
// and come back here afterwards.
function signInAgain(err: unknown) {
  if (!(err instanceof ApiError && err.status === 401) || window.location.pathname.startsWith("/signin")) return;
  // A full page load: the sign-in page is rendered by the server with the configured methods.
  const target = new URL("/signin", window.location.origin);
  target.searchParams.set("callbackUrl", window.location.pathname + window.location.search);
  window.location.assign(target);
}

// One app-wide query client. Client errors (4xx) are not retried: they will not change.
export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        queryCache: new QueryCache({ onError: signInAgain }),
        defaultOptions: {
          queries: {
            staleTime: 30_000,
            refetchOnWindowFocus: false,
            retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
          },
        },
      }),
  );
  return (
    <QueryClientProvider client={client}>
      <AccountSelectionProvider>
        <SessionBoundary />
        {children}
      </AccountSelectionProvider>
    </QueryClientProvider>
  );
}
