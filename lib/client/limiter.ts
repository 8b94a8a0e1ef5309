// A bound on how many calls run at once, shared by everyone who holds the limiter: the bulk
// wizard's reviews and saves each go through one, so hundreds of buckets make at most `limit`
// requests at a time (the browser's own 6-per-host cap would hide the queue, not bound the server's work).

type Limiter = <T>(call: () => Promise<T>) => Promise<T>;

export function createLimiter(limit: number): Limiter {
  let running = 0;
  const queue: (() => void)[] = [];
  const release = () => {
    running--;
    queue.shift()?.();
  };
  return async <T>(call: () => Promise<T>): Promise<T> => {
    if (running >= limit) await new Promise<void>((resolve) => queue.push(resolve));
    running++;
    try {
      return await call();
    } finally {
      release();
    }
  };
}
