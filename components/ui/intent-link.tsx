"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ComponentProps } from "react";

/**
 * A link prefetched when the pointer rests on it or it takes the focus, never for being in view (rows, the header).
 * A table of buckets shows dozens of rows, two links each: prefetching them all on sight sends dozens of requests
 * that queue on the server ahead of the table's own, and again after every scroll or search.
 */
export function IntentLink({ href, onMouseEnter, onFocus, ...props }: ComponentProps<typeof Link> & { href: string }) {
  const router = useRouter();
  // The router keeps what it prefetched, so a second hover asks for nothing.
  const prefetch = () => router.prefetch(href);
  return (
    <Link
      href={href}
      prefetch={false}
      onMouseEnter={(e) => {
        prefetch();
        onMouseEnter?.(e);
      }}
      onFocus={(e) => {
        prefetch();
        onFocus?.(e);
      }}
      {...props}
    />
  );
}
