// Where to go after signing in: only a path on this console, never another site
// ("//evil.example", "https://…", "/\\evil" would all leave it).
export function safeCallbackPath(value: unknown): string {
  if (
    typeof value !== "string" ||
    !value.startsWith("/") ||
    value.startsWith("//") ||
    value.includes("\\") ||
    value.startsWith("/signin")
  )
    return "/";
  return /[\u0000-\u001f]/.test(value) ? "/" : value.slice(0, 512);
}
