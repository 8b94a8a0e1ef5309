import { test } from "node:test";
import assert from "node:assert/strict";
import { logFileBody, s3KmsRecord, seededRng, type Principal } from "@/scripts/cloudtrail-format";
import { gunzipSync } from "node:zlib";
import { aggregateRecords } from "@/lib/usage/cloudtrail/aggregate";
import { defaultPricing } from "./pricing";
import { countRefreshSlots, describeSlots, type SlotMaskRow } from "./refresh-slots";
import { bucketSaving, hourlyEstimate, type UsageHour } from "./savings";

const account = "123456789012";
const keyArn = `arn:aws:kms:us-east-1:${account}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const at = (iso: string) => new Date(iso);

type Call = { time: string; principal: Principal; operation?: "GenerateDataKey" | "Decrypt"; key?: string };

/** Real-format CloudTrail records for the calls, through the same parser and aggregator as ingestion. */
function ingest(calls: Call[]) {
  const rng = seededRng("slots");
  const records = calls.map((c, i) =>
    s3KmsRecord(
      {
        time: at(c.time),
        region: "us-east-1",
        account,
        bucket: "poc-bucket",
        objectKey: `obj-${i}`,
        operation: c.operation ?? "Decrypt",
        keyArn: c.key ?? keyArn,
        principal: c.principal,
      },
      rng,
    ),
  );
  // Through a real log file body, as CloudTrail delivers it.
  const parsed = (JSON.parse(gunzipSync(logFileBody(records)).toString()) as { Records: unknown[] }).Records;
  return aggregateRecords(parsed);
}

const slotsOf = (calls: Call[], window = 15) => countRefreshSlots(ingest(calls).slots, window);
const total = (m: Map<number, { perRole: number; perSession: number }>) =>
  [...m.values()].reduce((s, h) => ({ perRole: s.perRole + h.perRole, perSession: s.perSession + h.perSession }), {
    perRole: 0,
    perSession: 0,
  });

const lambda: Principal = { kind: "role", name: "s3-bucketkey-poc-lambda", session: "s3-bucketkey-poc-fn" };
const spread = (n: number, fromSecond: number, seconds: number) =>
  Array.from({ length: n }, (_, i) => fromSecond + Math.floor((i * seconds) / n));
const clock = (second: number) => new Date(Date.parse("2026-03-02T10:00:00Z") + second * 1000).toISOString();

test("AWS's s3-bucketkey-poc: one role uploads 50 and downloads 100 objects within minutes → 2 to 6 calls with a Bucket Key (AWS saw 4)", () => {
  // aws-samples/s3-bucketkey-poc: a Lambda function (one role) uploads 50 objects, then downloads
  // 100, on a bucket with and one without a Bucket Key; AWS counted 150 KMS calls without and 4
  // with. Here the run starts at 10:13 and lasts four minutes, so it straddles the 10:15 boundary.
  const calls: Call[] = [
    ...spread(50, 13 * 60, 90).map((s) => ({
      time: clock(s),
      principal: lambda,
      operation: "GenerateDataKey" as const,
    })),
    ...spread(100, 13 * 60 + 90, 150).map((s) => ({
      time: clock(s),
      principal: lambda,
      operation: "Decrypt" as const,
    })),
  ];
  const aggregate = ingest(calls);
  assert.equal(aggregate.events, 150);
  const slots = countRefreshSlots(aggregate.slots, defaultPricing.refreshWindowMinutes);
  const hour = Math.floor(Date.parse("2026-03-02T10:00:00Z") / 3_600_000);
  const usage: UsageHour = {
    hour,
    objectRequests: 150,
    bucketRequests: 0,
    principals: 1,
    keys: 1,
    kinds: 2,
    slots: slots.get(hour)!,
  };
  const saving = bucketSaving(
    { bucket: "poc-bucket", region: "us-east-1", hours: [usage], eligible: true },
    { fromHour: hour, toHour: hour + 1 },
    defaultPricing,
  );
  const projected = saving.estimatedRequests!;
  assert.ok(projected >= 2 && projected <= 6, `projected ${projected}, AWS observed 4`);
  // Uploads 10:13:00–10:14:30 (one encrypt slot), downloads 10:14:30–10:17:00 (decrypt slots
  // 10:00–10:15 and 10:15–10:30): 3.
  assert.equal(projected, 3);
  assert.equal(saving.projection!.perSessionRequests, 3); // one session: both bounds agree
  // The hourly model charged the role for all four windows of the hour, per kind: 8.
  assert.equal(hourlyEstimate({ ...usage, slots: null }, defaultPricing), 8);
  assert.ok(saving.explanation.some((l) => /3 such slots per role, 3 per session/.test(l)));
});

test("several roles each get their own slots; sessions of one role share them in the per-role bound", () => {
  const roleA1: Principal = { kind: "role", name: "etl", session: "worker-1" };
  const roleA2: Principal = { kind: "role", name: "etl", session: "worker-2" };
  const roleB: Principal = { kind: "role", name: "reports", session: "reports" };
  const user: Principal = { kind: "user", name: "alice" };
  const calls: Call[] = [
    { time: "2026-03-02T10:01:00Z", principal: roleA1 },
    { time: "2026-03-02T10:02:00Z", principal: roleA2 },
    { time: "2026-03-02T10:03:00Z", principal: roleA2 },
    { time: "2026-03-02T10:04:00Z", principal: roleB },
    { time: "2026-03-02T10:05:00Z", principal: user },
  ];
  // Per role: etl, reports, alice → 3. Per session: worker-1, worker-2, reports, alice → 4.
  assert.deepEqual(total(slotsOf(calls)), { perRole: 3, perSession: 4 });
});

test("a window boundary: 10:14 and 10:16 are two slots, 10:01 and 10:14 one; the window comes from Settings", () => {
  const p: Principal = { kind: "role", name: "app", session: "s" };
  const across = [
    { time: "2026-03-02T10:14:59Z", principal: p },
    { time: "2026-03-02T10:15:00Z", principal: p },
  ];
  assert.deepEqual(total(slotsOf(across)), { perRole: 2, perSession: 2 });
  const within = [
    { time: "2026-03-02T10:01:00Z", principal: p },
    { time: "2026-03-02T10:14:00Z", principal: p },
  ];
  assert.deepEqual(total(slotsOf(within)), { perRole: 1, perSession: 1 });
  assert.deepEqual(total(slotsOf(across, 30)), { perRole: 1, perSession: 1 });
  // A 90-minute window spans hours: 10:50 and 11:20 share the 10:30–12:00 slot, counted in hour 10.
  const spanning = [
    { time: "2026-03-02T10:50:00Z", principal: p },
    { time: "2026-03-02T11:20:00Z", principal: p },
  ];
  const byHour = slotsOf(spanning, 90);
  assert.deepEqual(
    [...byHour.values()],
    [
      { perRole: 1, perSession: 1 },
      { perRole: 0, perSession: 0 },
    ],
  );
});

test("encrypt and decrypt calls and different keys are separate slots; bucket-level calls make none", () => {
  const p: Principal = { kind: "role", name: "app", session: "s" };
  const other = `arn:aws:kms:us-east-1:${account}:key/abcd`;
  const calls: Call[] = [
    { time: "2026-03-02T10:01:00Z", principal: p, operation: "GenerateDataKey" },
    { time: "2026-03-02T10:02:00Z", principal: p, operation: "Decrypt" },
    { time: "2026-03-02T10:03:00Z", principal: p, operation: "Decrypt", key: other },
  ];
  assert.deepEqual(total(slotsOf(calls)), { perRole: 3, perSession: 3 });
});

test("a requester's minutes from two files of one hour merge: the same slot counts once", () => {
  const rows: SlotMaskRow[] = [
    { hour: 5, session: 1, role: 9, keyArn: "k", kind: "decrypt", minutesLow: 1 << 3, minutesHigh: 0 },
    { hour: 5, session: 2, role: 9, keyArn: "k", kind: "decrypt", minutesLow: 1 << 7, minutesHigh: 1 << 20 },
  ];
  // Per session: s1 {0–15}, s2 {0–15, 45–60} → 3. Per role: {0–15, 45–60} → 2.
  assert.deepEqual(countRefreshSlots(rows, 15).get(5), { perSession: 3, perRole: 2 });
});

test("describeSlots names each role's slots for 'why this number'", () => {
  const p: Principal = { kind: "role", name: "orders-api", session: "i-123" };
  const aggregate = ingest([
    { time: "2026-03-02T15:02:00Z", principal: p },
    { time: "2026-03-02T15:20:00Z", principal: p },
    { time: "2026-03-02T15:21:00Z", principal: p, operation: "GenerateDataKey" },
  ]);
  assert.deepEqual(describeSlots(aggregate.slots, 15), [
    "orders-api decrypt 15:00–15:15, 15:15–15:30",
    "orders-api encrypt 15:15–15:30",
  ]);
});
