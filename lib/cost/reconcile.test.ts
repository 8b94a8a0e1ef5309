import { test } from "node:test";
import assert from "node:assert/strict";
import { keyTotals, reconcileKeyDay, type KeyDayInput } from "./reconcile";

const day = (patch: Partial<KeyDayInput>): KeyDayInput => ({
  day: "2026-11-05",
  billRequests: 100_000,
  billCostUsd: 0.3,
  otherBillRequests: 0,
  trailRequests: 95_000,
  ...patch,
});
const close = (a: number | null, b: number) => assert.ok(a !== null && Math.abs(a - b) < 1e-12, `${a} ≠ ${b}`);

test("S3 explains its share of the key's bill; at 90% or more it matches", () => {
  const r = reconcileKeyDay(day({}), ["Trail t is not logging"]);
  assert.equal(r.status, "matches");
  close(r.share, 0.95);
  close(r.explainedCostUsd, 0.285);
  close(r.unexplainedCostUsd, 0.015);
  assert.deepEqual(r.causes, []);
  assert.equal(reconcileKeyDay(day({ trailRequests: 90_000 }), []).status, "matches");
});

test("a gap lists the trail's blind spots first, then other users of the key", () => {
  const r = reconcileKeyDay(day({ trailRequests: 40_000, otherBillRequests: 1_200 }), [
    "Trail t records us-east-1 only",
  ]);
  assert.equal(r.status, "gap");
  close(r.share, 0.4);
  close(r.explainedCostUsd, 0.12);
  close(r.unexplainedCostUsd, 0.18);
  assert.equal(r.causes[0], "Trail t records us-east-1 only");
  assert.match(r.causes[1]!, /1,200 asymmetric requests/);
  assert.match(r.causes[2]!, /Other AWS services/);
  const none = reconcileKeyDay(day({ trailRequests: 0 }), []);
  assert.equal(none.status, "gap");
  close(none.share, 0);
  assert.match(none.causes[0]!, /No S3 call with this key/);
});

test("CloudTrail over the bill, and CloudTrail without a bill line, are named", () => {
  const over = reconcileKeyDay(day({ trailRequests: 110_000 }), []);
  assert.equal(over.status, "trail-over-bill");
  close(over.explainedCostUsd, 0.3);
  close(over.unexplainedCostUsd, 0);
  assert.equal(reconcileKeyDay(day({ trailRequests: 101_000 }), []).status, "matches");
  const missing = reconcileKeyDay(day({ billRequests: 0, billCostUsd: 0 }), []);
  assert.equal(missing.status, "bill-missing");
  assert.equal(missing.share, null);
  assert.match(missing.causes[0]!, /month is not read yet/);
  assert.equal(reconcileKeyDay(day({ billRequests: 0, billCostUsd: 0, trailRequests: 0 }), []).status, "matches");
});

test("a key's period weighs each day by its bill", () => {
  const days = [
    reconcileKeyDay(day({ billCostUsd: 0.3, trailRequests: 100_000 }), []),
    reconcileKeyDay(day({ billCostUsd: 0.1, billRequests: 100_000, trailRequests: 0 }), []),
  ];
  const t = keyTotals(days);
  close(t.billCostUsd, 0.4);
  close(t.explainedCostUsd, 0.3);
  close(t.share, 0.75);
  assert.equal(t.gapDays, 1);
  assert.equal(t.trailRequests, 100_000);
  assert.equal(keyTotals([]).share, null);
});
