// Query ranges in whole hours. Defaults: the last 30 days up to the end of the current hour.
const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

export type HourRange = { fromHour: number; toHour: number };

export function resolveRange(
  from: string | undefined,
  to: string | undefined,
  now = Date.now(),
  defaultDays = 30,
): HourRange {
  const toHour = Math.ceil((to ? Date.parse(to) : now + 1) / hourMs);
  const fromHour = Math.floor((from ? Date.parse(from) : toHour * hourMs - defaultDays * dayMs) / hourMs);
  return { fromHour, toHour: Math.max(toHour, fromHour + 1) };
}

export const hourIso = (hour: number): string => new Date(hour * hourMs).toISOString();
