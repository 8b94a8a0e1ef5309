// Query keys in one place so mutations can invalidate exactly what they change.
export const queryKeys = {
  health: ["health"] as const,
  session: ["session"] as const,
  inventory: ["inventory"] as const,
  bucket: (name: string) => ["bucket", name] as const,
  encryption: (name: string) => ["encryption", name] as const,
  kmsKeys: (region: string) => ["kms-keys", region] as const,
  changes: ["changes"] as const,
  usage: (bucket: string | null, from: string, to: string, granularity: string) =>
    ["usage", bucket, from, to, granularity] as const,
  savings: (from: string, to: string) => ["savings", from, to] as const,
  ingest: ["usage-ingest"] as const,
  pricing: ["pricing"] as const,
  usageSource: (account: string) => ["usage-source", account] as const,
};
