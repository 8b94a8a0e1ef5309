// One value per process, for the singletons whose module declares them (each says why it must be one).
// Next may load a module once per route bundle (and once more for instrumentation.ts), so module scope gives
// each bundle its own copy; a singleton must be one when what one bundle starts or counts another one reads,
// stops or limits. Caches that a copy per bundle only repeats (a wasted call, never a wrong answer) stay in
// module scope.
export function processWide<T>(name: string, create: () => T): T {
  const holder = globalThis as unknown as Record<string, T | undefined>;
  return (holder[`__bkc${name}`] ??= create());
}
