import { test } from "node:test";
import assert from "node:assert/strict";
import { accountMonthlyCost, defaultPricing, pricePer10k, requestCost } from "./pricing";
import { bucketSaving, detectSwitch, estimateBucketKeyRequests, type UsageHour } from "./savings";

const hour = (h: number, patch: Partial<UsageHour>): UsageHour => ({
  hour: h,
  objectRequests: 0,
  bucketRequests: 0,
  principals: 1,
  keys: 1,
  kinds: 1,
  slots: null,
  ...patch,
});
const close = (actual: number | null, expected: number) =>
  assert.ok(actual !== null && Math.abs(actual - expected) < 1e-9, `${actual} ≠ ${expected}`);

test("prices: default per 10,000, regional overrides, account free tier", () => {
  const settings = { ...defaultPricing, regionPrices: { "eu-west-1": 0.05 } };
  assert.equal(pricePer10k(settings, "us-east-1"), 0.03);
  assert.equal(pricePer10k(settings, "eu-west-1"), 0.05);
  close(requestCost(settings, 1_000_000, "us-east-1"), 3);
  // 100,000 × 0.03/10k = 0.30 and 50,000 × 0.05/10k = 0.25; 20,000 free at 0.03/10k = 0.06.
  const bill = accountMonthlyCost(settings, { "us-east-1": 100_000, "eu-west-1": 50_000 });
  close(bill.gross, 0.55);
  close(bill.freeTierCredit, 0.06);
  close(bill.net, 0.49);
  assert.equal(accountMonthlyCost(settings, { "us-east-1": 5_000 }).net, 0);
  assert.equal(
    accountMonthlyCost({ ...settings, freeTierRequests: 0 }, { "us-east-1": 5_000 }).net,
    requestCost(settings, 5_000, null),
  );
});

test("the Bucket Key estimate is principals × keys × kinds × refreshes, capped by the calls made", () => {
  // 15-minute window → 4 refreshes an hour.
  assert.equal(
    estimateBucketKeyRequests(hour(0, { objectRequests: 1000, principals: 2, kinds: 2 }), defaultPricing),
    16,
  );
  assert.equal(estimateBucketKeyRequests(hour(0, { objectRequests: 10, principals: 3 }), defaultPricing), 10);
  assert.equal(
    estimateBucketKeyRequests(hour(0, { objectRequests: 1000, principals: 2, kinds: 2 }), {
      ...defaultPricing,
      refreshWindowMinutes: 60,
    }),
    4,
  );
  assert.equal(
    estimateBucketKeyRequests(hour(0, { objectRequests: 1000, principals: 1 }), {
      ...defaultPricing,
      refreshWindowMinutes: 7,
    }),
    9,
  );
});

test("projected saving for a candidate, by hand", () => {
  const hours = [
    hour(2, { objectRequests: 1000, principals: 2, kinds: 2 }),
    hour(5, { objectRequests: 10, principals: 3 }),
  ];
  const s = bucketSaving(
    { bucket: "b", region: "us-east-1", hours, eligible: true },
    { fromHour: 0, toHour: 10 },
    defaultPricing,
  );
  assert.equal(s.method, "projected");
  assert.equal(s.objectRequests, 1010);
  close(s.costUsd, 0.00303);
  assert.equal(s.estimatedRequests, 26); // 16 + 10
  // (1010 − 26) over 10 hours → 98.4/h × 730 = 71,832 requests a month → USD 0.215496.
  close(s.monthlySavingRequests, 71_832);
  close(s.monthlySavingUsd, 0.215496);
  // Hours without slot counts are estimated hourly, and the explanation says so.
  assert.match(s.explanation.join(" "), /Hourly estimate \(fallback\) for 2 hours without slot counts/);
  assert.deepEqual(s.projection && { slot: s.projection.slotHours, hourly: s.projection.hourlyFallbackHours }, {
    slot: 0,
    hourly: 2,
  });
});

test("realized saving for a bucket that switched to bucket level, by hand", () => {
  const hours = [0, 1, 2, 3]
    .map((h) => hour(h, { objectRequests: 100 }))
    .concat([hour(4, { bucketRequests: 2 }), hour(5, { bucketRequests: 2, objectRequests: 10 })]);
  assert.equal(detectSwitch(hours), 4);
  const settings = { ...defaultPricing, regionPrices: { "eu-west-1": 0.05 } };
  const s = bucketSaving(
    { bucket: "b", region: "eu-west-1", hours, eligible: true },
    { fromHour: 0, toHour: 6 },
    settings,
  );
  assert.equal(s.method, "realized");
  assert.equal(s.bucketKeyEnabledAt, 4);
  // Baseline 400/4 = 100/h; 2 hours since → 200 counterfactual vs 14 observed → 93/h × 730 = 67,890 → × 0.05/10k.
  close(s.estimatedRequests, 200);
  close(s.monthlySavingRequests, 67_890);
  close(s.monthlySavingUsd, 0.33945);
});

test("no saving figure without a baseline, and none for DSSE-KMS", () => {
  const bucketOnly = [hour(1, { bucketRequests: 3 }), hour(2, { bucketRequests: 3 })];
  assert.equal(detectSwitch(bucketOnly), null);
  const s = bucketSaving(
    { bucket: "b", region: "us-east-1", hours: bucketOnly, eligible: true },
    { fromHour: 0, toHour: 3 },
    defaultPricing,
  );
  assert.equal(s.method, "no-baseline");
  assert.equal(s.monthlySavingUsd, null);
  const dsse = bucketSaving(
    { bucket: "d", region: "us-east-1", hours: [hour(1, { objectRequests: 50 })], eligible: false },
    { fromHour: 0, toHour: 3 },
    defaultPricing,
  );
  assert.equal(dsse.method, "not-eligible");
  assert.equal(dsse.monthlySavingUsd, null);
});
