// Sign-in throttling that no one can turn against someone else. Failures are counted per client address and per
// (user name, address), never per user name alone: a flood of wrong passwords for `admin` from one place slows
// that place down, while `admin` signing in from another address is not affected. Past a free number of failures
// each further failure doubles the wait (up to maxDelayMs); a quiet period forgets them, a success forgets the
// (user, address) count. In memory and bounded, like the mutation limiter: the console is one process.

type Decision = { ok: true } | { ok: false; retryAfterSeconds: number };
type Failures = { count: number; last: number; until: number };

type SignInThrottleOptions = {
  /** Failures from one address, for any names, before the waits start (many people may share one address). */
  freePerAddress?: number;
  /** Failures for one name from one address before the waits start. */
  freePerUserAddress?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Failures older than this are forgotten. */
  forgetAfterMs?: number;
  maxKeys?: number;
};

export function createSignInThrottle({
  freePerAddress = 30,
  freePerUserAddress = 5,
  baseDelayMs = 1_000,
  maxDelayMs = 15 * 60_000,
  forgetAfterMs = 15 * 60_000,
  maxKeys = 10_000,
}: SignInThrottleOptions = {}) {
  const failures = new Map<string, Failures>();
  const keys = (user: string, address: string) =>
    [
      [`a:${address}`, freePerAddress],
      [`u:${address}\u0000${user}`, freePerUserAddress],
    ] as const;

  function current(key: string, now: number): Failures | undefined {
    const f = failures.get(key);
    if (f && now - f.last > forgetAfterMs && now >= f.until) {
      failures.delete(key);
      return undefined;
    }
    return f;
  }

  return {
    /** Whether an attempt may check the password now; a refused attempt costs no scrypt and counts nothing. */
    check(user: string, address: string, now = Date.now()): Decision {
      const wait = Math.max(0, ...keys(user, address).map(([key]) => (current(key, now)?.until ?? 0) - now));
      return wait > 0 ? { ok: false, retryAfterSeconds: Math.ceil(wait / 1000) } : { ok: true };
    },
    failed(user: string, address: string, now = Date.now()): void {
      for (const [key, free] of keys(user, address)) {
        const f = current(key, now) ?? { count: 0, last: now, until: 0 };
        f.count += 1;
        f.last = now;
        if (f.count > free) f.until = now + Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(f.count - free - 1, 30));
        failures.delete(key); // re-inserted: the Map's order is least recently failed first
        failures.set(key, f);
        if (failures.size > maxKeys) failures.delete(failures.keys().next().value!);
      }
    },
    succeeded(user: string, address: string): void {
      failures.delete(keys(user, address)[1][0]);
    },
  };
}
