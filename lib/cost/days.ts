// UTC calendar days as YYYY-MM-DD strings (pure): the bill's grain and the before/after windows'.

const dayMs = 86_400_000;

export const dayOf = (iso: string | number): string => new Date(iso).toISOString().slice(0, 10);

export const addDays = (day: string, n: number): string => dayOf(Date.parse(`${day}T00:00:00Z`) + n * dayMs);

/** Days from `from` to `to`, both included; empty when to < from. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

export const maxDay = (a: string, b: string): string => (a > b ? a : b);
export const minDay = (a: string, b: string): string => (a < b ? a : b);

/** Days in a month on average (365 / 12): daily figures are scaled to a month with it. */
export const daysPerMonth = 365 / 12;
