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

export function wizardHref(buckets: readonly string[], account: string | null | undefined): string {
  return withAccount(`/wizard?buckets=${buckets.map(encodeURIComponent).join(",")}`, account);
}
