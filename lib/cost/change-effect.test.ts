import { test } from "node:test";
import assert from "node:assert/strict";
import {
  changeEffect,
  realizedByDay,
  realizedToDate,
  savingsByMonth,
  windowFigures,
  type DayFigure,
} from "./change-effect";
import { addDays, daysBetween, daysPerMonth } from "./days";

// 30 days of a bucket: 10,000 requests (USD 0.03) a day until 2026-11-10, then 500 (USD 0.0015).
const days: DayFigure[] = daysBetween("2026-11-01", "2026-11-30").map((day) =>
  day <= "2026-11-10" ? { day, requests: 10_000, costUsd: 0.03 } : { day, requests: 500, costUsd: 0.0015 },
);
const span = { firstDay: "2026-11-01", lastDay: "2026-11-30" };
const close = (a: number | null, b: number) => assert.ok(a !== null && Math.abs(a - b) < 1e-9, `${a} ≠ ${b}`);

test("7 days before and after, the change's day left out; realized beside projected", () => {
  const e = changeEffect({ at: "2026-11-11T09:30:00Z", neighbours: [], days, span, projectedMonthlySavingUsd: 1 });
  assert.deepEqual(
    { from: e.before.window?.fromDay, to: e.before.window?.toDay, days: e.before.window?.days },
    { from: "2026-11-04", to: "2026-11-10", days: 7 },
  );
  assert.deepEqual(
    { from: e.after.window?.fromDay, to: e.after.window?.toDay, days: e.after.window?.days },
    { from: "2026-11-12", to: "2026-11-18", days: 7 },
  );
  close(e.before.window!.requestsPerDay, 10_000);
  close(e.after.window!.requestsPerDay, 500);
  close(e.requestReduction, 0.95);
  close(e.realizedMonthlySavingUsd, 0.0285 * daysPerMonth);
  close(e.realizedShareOfProjected, 0.0285 * daysPerMonth);
});

test("a change on the first day of data has no before window, and says why", () => {
  const e = changeEffect({ at: "2026-11-01T12:00:00Z", neighbours: [], days, span, projectedMonthlySavingUsd: null });
  assert.equal(e.before.window, null);
  assert.equal(e.before.note, "no data before the change");
  assert.equal(e.after.window?.fromDay, "2026-11-02");
  assert.equal(e.realizedMonthlySavingUsd, null);
  assert.equal(e.requestReduction, null);
});

test("a change with no data after it; a short after window takes the days that exist", () => {
  const last = changeEffect({ at: "2026-11-30T08:00:00Z", neighbours: [], days, span, projectedMonthlySavingUsd: 2 });
  assert.equal(last.after.window, null);
  assert.equal(last.after.note, "no data after the change yet");
  assert.equal(last.realizedShareOfProjected, null);
  const nearEnd = changeEffect({
    at: "2026-11-27T08:00:00Z",
    neighbours: [],
    days,
    span,
    projectedMonthlySavingUsd: null,
  });
  assert.deepEqual([nearEnd.after.window?.fromDay, nearEnd.after.window?.days], ["2026-11-28", 3]);
});

test("two changes in a week: each window stops at the other change", () => {
  const first = { id: 1, at: "2026-11-08T10:00:00Z" };
  const second = { id: 2, at: "2026-11-11T10:00:00Z" };
  const e1 = changeEffect({ at: first.at, neighbours: [second], days, span, projectedMonthlySavingUsd: null });
  assert.deepEqual([e1.after.window?.fromDay, e1.after.window?.toDay], ["2026-11-09", "2026-11-10"]);
  const e2 = changeEffect({ at: second.at, neighbours: [first], days, span, projectedMonthlySavingUsd: null });
  assert.deepEqual([e2.before.window?.fromDay, e2.before.window?.toDay], ["2026-11-09", "2026-11-10"]);
  assert.deepEqual([e2.after.window?.fromDay, e2.after.window?.toDay], ["2026-11-12", "2026-11-18"]);
  const adjacent = changeEffect({
    at: "2026-11-09T10:00:00Z",
    neighbours: [first, { id: 3, at: "2026-11-10T01:00:00Z" }],
    days,
    span,
    projectedMonthlySavingUsd: null,
  });
  assert.equal(adjacent.before.note, "change #1 was made the day before");
  assert.equal(adjacent.after.note, "change #3 was made the day after");
  const sameDay = changeEffect({
    at: "2026-11-08T18:00:00Z",
    neighbours: [first],
    days,
    span,
    projectedMonthlySavingUsd: null,
  });
  assert.match(sameDay.before.note ?? "", /#1 was made the same day/);
  const outside = changeEffect({
    at: first.at,
    neighbours: [{ id: -1, at: "2026-11-09T03:00:00Z" }],
    days,
    span,
    projectedMonthlySavingUsd: null,
  });
  assert.equal(outside.after.note, "a change made outside the console was made the day after");
});

test("days without rows count as zero; the bill's series over the same windows", () => {
  const sparse = [{ day: "2026-11-03", requests: 7_000, costUsd: 0.021 }];
  const e = changeEffect({
    at: "2026-11-09T00:00:00Z",
    neighbours: [],
    days: sparse,
    span,
    projectedMonthlySavingUsd: null,
  });
  close(e.before.window!.requestsPerDay, 1_000);
  close(e.after.window!.requestsPerDay, 0);
  const bill = daysBetween("2026-11-01", "2026-11-30").map((day) => ({ day, requests: 100, costUsd: 0.5 }));
  const w = windowFigures(bill, e);
  close(w.before!.costPerDayUsd, 0.5);
  assert.equal(w.after!.fromDay, addDays("2026-11-09", 1));
  assert.deepEqual(
    windowFigures(
      bill,
      changeEffect({ at: "2026-11-09T00:00:00Z", neighbours: [], days, span: null, projectedMonthlySavingUsd: null }),
    ),
    { before: null, after: null },
  );
});

test("realized to date: each day after the change against the before window's daily cost", () => {
  const e = changeEffect({ at: "2026-11-11T09:30:00Z", neighbours: [], days, span, projectedMonthlySavingUsd: null });
  const r = realizedToDate(days, e, "2026-11-30");
  assert.equal(r?.days, 19);
  close(r!.usd, 19 * (0.03 - 0.0015));
  assert.equal(realizedToDate(days, e, "2026-11-11"), null);
  const first = changeEffect({
    at: "2026-11-01T00:00:00Z",
    neighbours: [],
    days,
    span,
    projectedMonthlySavingUsd: null,
  });
  assert.equal(realizedToDate(days, first, "2026-11-30"), null);
});

test("savings programme: realized per month since the first change, and cumulative", () => {
  const e = changeEffect({ at: "2026-11-11T09:30:00Z", neighbours: [], days, span, projectedMonthlySavingUsd: null });
  const byDay = [...realizedByDay(days, e, "2026-11-30"), { day: "2026-12-01", usd: 0.5 }];
  const months = savingsByMonth(byDay);
  assert.deepEqual(
    months.map((m) => m.month),
    ["2026-11", "2026-12"],
  );
  close(months[0]!.realizedUsd, 19 * 0.0285);
  close(months[1]!.cumulativeUsd, 19 * 0.0285 + 0.5);
  assert.deepEqual(savingsByMonth([]), []);
});
