// Adds the `account` parameter every API route takes. Bucket-scoped calls cannot run on "all":
// they fall back to the console's own account, which is what a URL without a scope means anyway.
export function withAccount(url: string, account: string | null, { acrossAccounts = false } = {}): string {
  if (!account || (account === "all" && !acrossAccounts)) return url;
  return `${url}${url.includes("?") ? "&" : "?"}account=${encodeURIComponent(account)}`;
}
