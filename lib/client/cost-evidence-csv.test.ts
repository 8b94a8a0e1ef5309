import { test } from "node:test";
import assert from "node:assert/strict";
import { changeEffectsCsv, reconciliationCsv } from "./cost-evidence-csv";

test("the bill beside CloudTrail as CSV: one row per key, causes joined, quoted by the one writer", () => {
  const csv = reconciliationCsv({
    fromDay: "2026-11-01",
    toDay: "2026-11-30",
    billRead: true,
    days: [],
    changes: [],
    keys: [
      {
        keyArn: "arn:aws:kms:us-east-1:111122223333:key/k1",
        account: "111122223333",
        region: "us-east-1",
        billRequests: 1000,
        billCostUsd: 0.003,
        trailRequests: 400,
        explainedCostUsd: 0.0012,
        share: 0.4,
        gapDays: 2,
        status: "gap",
        causes: ["Other AWS services, or principals", "a trail"],
        days: null,
      },
    ],
  });
  const [header, row, end] = csv.split("\r\n");
  assert.match(header!, /^from_day,to_day,key_arn,/);
  assert.equal(
    row,
    "2026-11-01,2026-11-30,arn:aws:kms:us-east-1:111122223333:key/k1,111122223333,us-east-1,1000,0.003000,400," +
      '0.001200,40.0,2,gap,"Other AWS services, or principals | a trail"',
  );
  assert.equal(end, "");
});

test("each change's effect as CSV: empty fields where a window has no data", () => {
  const csv = changeEffectsCsv({
    windowDays: 7,
    programme: [],
    effects: [
      {
        changeId: null,
        source: "outside",
        by: "=cmd|' /C calc'!A0",
        at: "2026-11-09T10:00:00Z",
        bucket: "b",
        keyArn: null,
        before: { fromDay: "2026-11-02", toDay: "2026-11-08", days: 7, requestsPerDay: 695.4, costPerDayUsd: 0.0021 },
        beforeNote: null,
        after: null,
        afterNote: "no data after the change yet",
        requestReduction: null,
        realizedMonthlySavingUsd: null,
        projectedMonthlySavingUsd: null,
        projectedMethod: null,
        realizedShareOfProjected: null,
        realizedToDate: null,
        bill: null,
      },
    ],
  });
  const row = csv.split("\r\n")[1]!;
  // A principal that looks like a formula is defused by the writer.
  assert.ok(
    row.startsWith(",outside,'=cmd|' /C calc'!A0,2026-11-09T10:00:00Z,b,,2026-11-02,2026-11-08,695,0.002100,,,,"),
  );
  assert.ok(row.endsWith(",no data after the change yet"));
});
