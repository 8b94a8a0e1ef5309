"use client";
import { IntentLink } from "@/components/ui/intent-link";
import { usePathname } from "next/navigation";
import { useHealth } from "@/lib/client/use-health";
import { navLinks } from "./nav-links";
import { AccountSelector } from "./account-selector";
import { UserMenu } from "./user-menu";

// One line from 1024 px up (e2e/header.spec.ts): nothing wraps, the labels of the AWS connection
// show from 1280 px, and identities that can be long (the AWS identity, the signed-in user, an
// account's name) are cut with an ellipsis and shown whole in a tooltip.
export function ConsoleHeader() {
  const pathname = usePathname();
  const { data: health } = useHealth();
  const isActive = (href: string) => (href === "/" ? pathname === "/" : pathname.startsWith(href));
  return (
    <header className="bg-brand-900 text-white" data-testid="console-header">
      <div className="mx-auto flex max-w-7xl items-center gap-4 whitespace-nowrap px-6 py-3 xl:gap-6">
        <IntentLink href="/" className="shrink-0 text-base font-semibold tracking-tight">
          Bucket Key Console
        </IntentLink>
        <nav aria-label="Main" className="shrink-0">
          <ul className="flex gap-1">
            {/* On intent too: each page's prefetch is two requests, and a view of /buckets should queue nothing
                ahead of its rows. */}
            {navLinks.map((l) => (
              <li key={l.href}>
                <IntentLink
                  href={l.href}
                  aria-current={isActive(l.href) ? "page" : undefined}
                  className={`rounded px-2.5 py-1.5 text-sm xl:px-3 ${
                    isActive(l.href) ? "bg-white/15 font-medium" : "text-slate-200 hover:bg-white/10"
                  }`}
                >
                  {l.label}
                </IntentLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="ml-auto flex min-w-0 items-center gap-4">
          <AccountSelector />
          <dl className="flex min-w-0 gap-3 text-xs text-slate-200 xl:gap-5" aria-label="AWS connection">
            <div className="flex min-w-0 gap-1.5">
              <dt className="sr-only xl:not-sr-only">Signed in to</dt>
              <dd
                className="truncate font-mono text-white"
                data-testid="header-account"
                title={
                  health?.identity ? `Signed in to ${health.identity.account} as ${health.identity.arn}` : undefined
                }
              >
                {health?.identity?.account ?? "—"}
              </dd>
            </div>
            <div className="flex gap-1.5">
              <dt className="sr-only xl:not-sr-only">Region</dt>
              <dd
                className="font-mono text-white"
                data-testid="header-region"
                title="Home region for account-wide calls"
              >
                {health?.region ?? "—"}
              </dd>
            </div>
            {health?.readOnly && (
              <div className="rounded bg-amber-400 px-1.5 font-semibold text-amber-950">Read-only</div>
            )}
          </dl>
          <UserMenu />
        </div>
      </div>
    </header>
  );
}
