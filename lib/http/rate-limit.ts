// A token bucket per key (a user id): `perMinute` requests a minute, bursts up to the same
// number. In memory, because the console is one process; the map is bounded so a flood of
// distinct keys cannot grow it without limit.

type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export function createRateLimiter({ perMinute, maxKeys = 10_000 }: { perMinute: number; maxKeys?: number }) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refillPerMs = perMinute / 60_000;

  return function take(key: string, now = Date.now()): RateDecision {
    const b = buckets.get(key) ?? { tokens: perMinute, at: now };
    b.tokens = Math.min(perMinute, b.tokens + (now - b.at) * refillPerMs);
    b.at = now;
    buckets.delete(key); // re-insert: Map order becomes least-recently-used first
    buckets.set(key, b);
    if (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value!);
    if (b.tokens < 1) return { ok: false, retryAfterSeconds: Math.ceil((1 - b.tokens) / refillPerMs / 1000) };
    b.tokens -= 1;
    return { ok: true };
  };
}
