"use client";
import type { AccountScan } from "@/lib/contracts/inventory";

/** Accounts that could not be read, each with why and what to do; the rest of the page still shows the others. */
export function AccountProblems({ accounts }: { accounts: AccountScan[] }) {
  const failed = accounts.filter((a) => a.status === "error");
  if (failed.length === 0) return null;
  // Counted as the header's account picker counts them: accounts known only from AWS Config are not read through
  // a role, so they are neither offered there nor counted here.
  const withRole = accounts.filter((a) => a.source !== "config").length;
  return (
    <div
      role="alert"
      className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900"
      data-testid="account-problems"
    >
      <p className="font-medium">
        {failed.length} of {withRole} accounts could not be read; the others are shown.
      </p>
      <ul className="mt-1 list-disc space-y-1 pl-5">
        {failed.map((a) => (
          <li key={`${a.source}:${a.id}`}>
            <span className="font-medium">{a.name}</span>{" "}
            <span className="font-mono text-xs">{a.id || "(account id not known yet)"}</span>: {a.error?.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
