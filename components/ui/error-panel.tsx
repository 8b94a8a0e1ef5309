import type { ReactNode } from "react";
import { Button } from "./button";

/** An error the user can act on: what went wrong (the server's message) and a way to retry. */
export function ErrorPanel({
  title,
  error,
  onRetry,
  children,
}: {
  title: string;
  error: unknown;
  onRetry?: () => void;
  children?: ReactNode;
}) {
  const message = error instanceof Error ? error.message : "Something went wrong.";
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-900">
      <p className="font-semibold">{title}</p>
      <p className="mt-1">{message}</p>
      {children}
      {onRetry && (
        <Button variant="on-error" onClick={onRetry} className="mt-3">
          Try again
        </Button>
      )}
    </div>
  );
}
