// What a change did, measured (pure): a bucket's KMS requests and cost per day over the days
// before and after an applied change, set beside what was projected and, where read, the bill.
//
// The change's own day is left out of both windows (it holds calls from before and after).
// Each window is up to `windowDays` long, clipped to the days that have data and to the
// bucket's neighbouring changes: a window never reaches past another change of the same
// bucket, so two changes in a week each get the days that are theirs alone. A day inside the
// data span without a row counts as zero requests (nothing was called).
import { addDays, daysBetween, daysPerMonth, dayOf, maxDay, minDay } from "./days";

export type DayFigure = { day: string; requests: number; costUsd: number };
export type DaySpan = { firstDay: string; lastDay: string };

export type Window = {
  fromDay: string;
  toDay: string;
  days: number;
  requestsPerDay: number;
  costPerDayUsd: number;
};

export type WindowOutcome = { window: Window | null; note: string | null };

export type ChangeEffect = {
  before: WindowOutcome;
  after: WindowOutcome;
  /** (before − after) cost per day, scaled to a month; null without both windows. */
  realizedMonthlySavingUsd: number | null;
  /** 1 − after/before requests per day; null without both windows or with no requests before. */
  requestReduction: number | null;
  projectedMonthlySavingUsd: number | null;
  /** Realized over projected; null unless both exist and the projection is positive. */
  realizedShareOfProjected: number | null;
};

type WindowInput = {
  changeDay: string;
  /** Days of the same bucket's other changes; an id below 1 is a change made outside the console. */
  neighbours: readonly { id: number; day: string }[];
  span: DaySpan | null;
  windowDays: number;
};

const named = (n: { id: number }) => (n.id > 0 ? `change #${n.id}` : "a change made outside the console");

/** The days each window covers, or why it has none. */
export function effectWindows(input: WindowInput): {
  before: { fromDay: string; toDay: string } | { note: string };
  after: { fromDay: string; toDay: string } | { note: string };
} {
  const { changeDay, neighbours, span, windowDays } = input;
  const previous = neighbours.filter((n) => n.day < changeDay).at(-1);
  const next = neighbours.find((n) => n.day > changeDay);
  const sameDay = neighbours.find((n) => n.day === changeDay);
  if (!span) return { before: { note: "no usage data yet" }, after: { note: "no usage data yet" } };
  if (sameDay) {
    const note = `${named(sameDay)} was made the same day: the two cannot be told apart`;
    return { before: { note }, after: { note } };
  }
  let fromDay = maxDay(addDays(changeDay, -windowDays), span.firstDay);
  if (previous) fromDay = maxDay(fromDay, addDays(previous.day, 1));
  const beforeTo = minDay(addDays(changeDay, -1), span.lastDay);
  let toDay = minDay(addDays(changeDay, windowDays), span.lastDay);
  if (next) toDay = minDay(toDay, addDays(next.day, -1));
  const afterFrom = maxDay(addDays(changeDay, 1), span.firstDay);
  const before =
    fromDay <= beforeTo
      ? { fromDay, toDay: beforeTo }
      : { note: previous ? `${named(previous)} was made the day before` : "no data before the change" };
  const after =
    afterFrom <= toDay
      ? { fromDay: afterFrom, toDay }
      : { note: next ? `${named(next)} was made the day after` : "no data after the change yet" };
  return { before, after };
}

function measure(days: readonly DayFigure[], range: { fromDay: string; toDay: string }): Window {
  let requests = 0;
  let cost = 0;
  for (const d of days)
    if (d.day >= range.fromDay && d.day <= range.toDay) {
      requests += d.requests;
      cost += d.costUsd;
    }
  const n = daysBetween(range.fromDay, range.toDay).length;
  return { ...range, days: n, requestsPerDay: requests / n, costPerDayUsd: cost / n };
}

function outcome(days: readonly DayFigure[], w: { fromDay: string; toDay: string } | { note: string }): WindowOutcome {
  return "note" in w ? { window: null, note: w.note } : { window: measure(days, w), note: null };
}

export function changeEffect(input: {
  at: string;
  neighbours: readonly { id: number; at: string }[];
  days: readonly DayFigure[];
  span: DaySpan | null;
  projectedMonthlySavingUsd: number | null;
  windowDays?: number;
}): ChangeEffect {
  const windows = effectWindows({
    changeDay: dayOf(input.at),
    neighbours: input.neighbours.map((n) => ({ id: n.id, day: dayOf(n.at) })).sort((a, b) => (a.day < b.day ? -1 : 1)),
    span: input.span,
    windowDays: input.windowDays ?? 7,
  });
  const before = outcome(input.days, windows.before);
  const after = outcome(input.days, windows.after);
  const b = before.window;
  const a = after.window;
  const realized = b && a ? (b.costPerDayUsd - a.costPerDayUsd) * daysPerMonth : null;
  const projected = input.projectedMonthlySavingUsd;
  return {
    before,
    after,
    realizedMonthlySavingUsd: realized,
    requestReduction: b && a && b.requestsPerDay > 0 ? 1 - a.requestsPerDay / b.requestsPerDay : null,
    projectedMonthlySavingUsd: projected,
    realizedShareOfProjected: realized !== null && projected !== null && projected > 0 ? realized / projected : null,
  };
}

/** The same windows over another daily series (the bill's figures for the bucket's key). */
export function windowFigures(
  days: readonly DayFigure[],
  effect: ChangeEffect,
): { before: Window | null; after: Window | null } {
  return {
    before: effect.before.window && measure(days, effect.before.window),
    after: effect.after.window && measure(days, effect.after.window),
  };
}

/**
 * Saving realized each day from the day after the change to `untilDay` (the day before the bucket's
 * next change, or the last day with data): the day's cost against the before window's daily cost.
 * Empty without a before window.
 */
export function realizedByDay(
  days: readonly DayFigure[],
  effect: ChangeEffect,
  untilDay: string,
): { day: string; usd: number }[] {
  const before = effect.before.window;
  const fromDay = effect.after.window?.fromDay;
  if (!before || !fromDay || untilDay < fromDay) return [];
  const cost = new Map(days.map((d) => [d.day, d.costUsd]));
  return daysBetween(fromDay, untilDay).map((day) => ({ day, usd: before.costPerDayUsd - (cost.get(day) ?? 0) }));
}

/** realizedByDay added up; null without a before window or days after the change. */
export function realizedToDate(
  days: readonly DayFigure[],
  effect: ChangeEffect,
  untilDay: string,
): { usd: number; days: number } | null {
  const byDay = realizedByDay(days, effect, untilDay);
  return byDay.length === 0 ? null : { usd: byDay.reduce((s, d) => s + d.usd, 0), days: byDay.length };
}

/** Per month (YYYY-MM), the savings realized in it and in all months before, oldest first. */
export function savingsByMonth(byDay: readonly { day: string; usd: number }[]): {
  month: string;
  realizedUsd: number;
  cumulativeUsd: number;
}[] {
  const months = new Map<string, number>();
  for (const d of byDay) months.set(d.day.slice(0, 7), (months.get(d.day.slice(0, 7)) ?? 0) + d.usd);
  let cumulative = 0;
  return [...months]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([month, realizedUsd]) => ({ month, realizedUsd, cumulativeUsd: (cumulative += realizedUsd) }));
}
