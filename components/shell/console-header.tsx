"use client";
import { IntentLink } from "@/components/ui/intent-link";
import { usePathname } from "next/navigation";
import { useHealth } from "@/lib/client/use-health";
import { navLinks } from "./nav-links";
import { AccountSelector } from "./account-selector";
import { UserMenu } from "./user-menu";

export function ConsoleHeader() {
  const pathname = usePathname();
  const { data: health } = useHealth();
  const isActive = (href: string) => (href === "/" ? pathname === "/" : pathname.startsWith(href));
  return (
    <header className="bg-brand-900 text-white">
      <div className="mx-auto flex max-w-7xl items-center gap-8 px-6 py-3">
        <IntentLink href="/" className="text-base font-semibold tracking-tight">
          Bucket Key Console
        </IntentLink>
        <nav aria-label="Main">
          <ul className="flex gap-1">
            {/* On intent too: each page's prefetch is two requests, and a view of /buckets should queue nothing
                ahead of its rows. */}
            {navLinks.map((l) => (
              <li key={l.href}>
                <IntentLink
                  href={l.href}
                  aria-current={isActive(l.href) ? "page" : undefined}
                  className={`rounded px-3 py-1.5 text-sm ${isActive(l.href) ? "bg-white/15 font-medium" : "text-slate-200 hover:bg-white/10"}`}
                >
                  {l.label}
                </IntentLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="ml-auto">
          <AccountSelector />
        </div>
        <dl className="flex gap-5 text-xs text-slate-200" aria-label="AWS connection">
          <div className="flex gap-1.5">
            <dt>Signed in to</dt>
            <dd className="font-mono text-white" data-testid="header-account">
              {health?.identity?.account ?? "—"}
            </dd>
          </div>
          <div className="flex gap-1.5">
            <dt>Region</dt>
            <dd className="font-mono text-white" data-testid="header-region">
              {health?.region ?? "—"}
            </dd>
          </div>
          {health?.readOnly && (
            <div className="rounded bg-amber-400 px-1.5 font-semibold text-amber-950">Read-only</div>
          )}
        </dl>
        <UserMenu />
      </div>
    </header>
  );
}
