"use client";
import { ApiError } from "@/lib/client/fetch-json";
import { useHealth } from "@/lib/client/use-health";
import { CredentialHelp } from "./credential-help";

// Says plainly when the console is not talking to real AWS, and when it cannot talk at all.
export function ConnectionBanner() {
  const { data: health, error } = useHealth();
  // Signed out is not an outage: the sign-in page says what to do.
  if (error && !(error instanceof ApiError && error.status === 401)) {
    return (
      <div role="alert" className="border-b border-red-300 bg-red-50 px-6 py-2 text-sm text-red-900">
        The console server cannot be reached. Is it still running?
      </div>
    );
  }
  if (!health) return null;
  return (
    <>
      {health.endpoint !== "aws" && (
        <div
          role="status"
          className="border-b border-amber-300 bg-amber-50 px-6 py-2 text-sm text-amber-900"
          data-testid="emulator-banner"
        >
          <strong>Local emulator:</strong> this console talks to <span className="font-mono">{health.endpoint}</span>,
          not to AWS. Nothing here touches a real account.
        </div>
      )}
      {!health.ok && health.error && (
        <div
          role="alert"
          className="border-b border-red-300 bg-red-50 px-6 py-2 text-sm text-red-900"
          data-testid="connection-error"
        >
          <strong>{health.error.credentials ? "No AWS credentials." : "AWS is not reachable."}</strong>{" "}
          {health.error.message} The console retries by itself.
          {health.error.credentials && (
            <details className="mt-1">
              <summary className="cursor-pointer underline">Where the SDK looked and the commands that fix it</summary>
              <div className="mt-2">
                <CredentialHelp help={health.error.credentials} />
              </div>
            </details>
          )}
        </div>
      )}
    </>
  );
}
