import "server-only";
import { storeGeneration } from "@/lib/usage/store/queries";

// Usage and savings reports are pure functions of the usage store, the query and the current
// hour (default ranges end now). Under load the same report is asked for again and again, so
// it is kept until the store changes (any connection's commit) or the hour turns.

const maxEntries = 256;
const entries = new Map<string, unknown>();

export function memoReport<T>(name: string, inputs: unknown, compute: () => T): T {
  const key = JSON.stringify([name, inputs, storeGeneration(), Math.floor(Date.now() / 3_600_000)]);
  if (entries.has(key)) return entries.get(key) as T;
  const value = compute();
  // Keys of past generations or hours are never asked for again: drop them wholesale.
  if (entries.size >= maxEntries) entries.clear();
  entries.set(key, value);
  return value;
}
