// The one place that adds `?account=` to a URL: API calls (lib/client/api) and links to a bucket's
// pages, which name the bucket's account so a page opened from the all-accounts view reads and
// changes the bucket in its own account (see lib/client/account-scope.tsx).

/**
 * Bucket-scoped calls and pages cannot run on "all": they fall back to the console's own account,
 * which is what a URL without a scope means anyway. null: the console's own account.
 */
export function withAccount(url: string, account: string | null | undefined, { acrossAccounts = false } = {}): string {
  if (!account || (account === "all" && !acrossAccounts)) return url;
  return `${url}${url.includes("?") ? "&" : "?"}account=${encodeURIComponent(account)}`;
}

export function bucketHref(name: string, account: string | null | undefined): string {
  return withAccount(`/buckets/${encodeURIComponent(name)}`, account);
}

/** How many buckets one wizard run edits: named in its URL, or resolved from the table's filters. */
export const wizardLimits = { named: 50, matching: 1000 } as const;

export function wizardHref(buckets: readonly string[], account: string | null | undefined): string {
  return withAccount(`/wizard?buckets=${buckets.map(encodeURIComponent).join(",")}`, account);
}

/**
 * The wizard over every bucket matching the bucket table's filters (API names: q, type, bucketKey,
 * region, candidate). The wizard resolves them through the paged API when it opens: hundreds of
 * names would not fit in a URL, and a filter survives a reload or a shared link.
 */
export function wizardMatchingHref(filterQuery: URLSearchParams, account: string | null | undefined): string {
  const p = new URLSearchParams(filterQuery);
  p.delete("sort");
  p.delete("order");
  return withAccount(`/wizard?select=matching${p.size ? `&${p}` : ""}`, account);
}

/** GET /api/inventory/export: every bucket matching the table's query, as a CSV download. */
export function inventoryExportHref(apiQuery: URLSearchParams, account: string | null | undefined): string {
  const qs = apiQuery.toString();
  return withAccount(`/api/inventory/export${qs ? `?${qs}` : ""}`, account, { acrossAccounts: true });
}
