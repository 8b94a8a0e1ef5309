// Links to a bucket's pages name the bucket's account, so a page opened from the all-accounts
// view reads and changes the bucket in its own account (see lib/client/account-scope.tsx).

const accountQuery = (account: string | null | undefined) => (account ? `account=${encodeURIComponent(account)}` : "");

export function bucketHref(name: string, account: string | null | undefined): string {
  const q = accountQuery(account);
  return `/buckets/${encodeURIComponent(name)}${q ? `?${q}` : ""}`;
}

export function wizardHref(buckets: readonly string[], account: string | null | undefined): string {
  const q = accountQuery(account);
  return `/wizard?buckets=${buckets.map(encodeURIComponent).join(",")}${q ? `&${q}` : ""}`;
}
