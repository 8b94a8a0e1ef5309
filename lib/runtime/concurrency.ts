// The one bounded-concurrency helper of server code (and the benchmarks and demo seeding). The browser keeps its
// own limiter (lib/client/limiter.ts): calls that start one by one, shared by whoever holds it.

/**
 * Runs `count` workers at once and waits for every one: each takes its next piece of work itself (from a list, a
 * queue or the store) and returns when there is none left. The first failure rejects the whole run.
 */
export async function inParallel(count: number, worker: (slot: number) => Promise<void>): Promise<void> {
  await Promise.all(Array.from({ length: count }, (_, slot) => worker(slot)));
}

/** `fn` over every item, at most `limit` calls at once; the results keep the items' order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  await inParallel(Math.min(limit, items.length), async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T, index);
    }
  });
  return results;
}
