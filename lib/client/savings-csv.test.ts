import assert from "node:assert/strict";
import { test } from "node:test";
import type { BucketSavingRow, Savings } from "@/lib/contracts/usage";
import { savingsCsv } from "./savings-csv";

const row = (r: Partial<BucketSavingRow>): BucketSavingRow => ({
  bucket: "logs",
  account: "123456789012",
  region: "us-east-1",
  method: "projected",
  objectRequests: 1000,
  bucketRequests: 0,
  costUsd: 0.003,
  estimatedRequests: 10.4,
  estimatedCostUsd: 0.00003,
  monthlySavingRequests: 2970.6,
  monthlySavingUsd: 0.0089118,
  bucketKeyEnabledAt: null,
  projection: null,
  explanation: [],
  ...r,
});

const savings = (rows: BucketSavingRow[]): Savings => ({
  from: "2026-11-01T00:00:00.000Z",
  to: "2026-12-01T00:00:00.000Z",
  hasData: true,
  rows,
  totals: { costUsd: 0, monthlyProjectedUsd: 0, monthlyRealizedUsd: 0, monthlyAccountCostUsd: 0, freeTierCreditUsd: 0 },
  headroom: [],
  assumptions: [],
});

test("the savings export: a header, one CRLF-ended line per bucket, money to the micro-dollar", () => {
  const csv = savingsCsv(savings([row({}), row({ bucket: "media", method: "not-eligible", estimatedRequests: null })]));
  assert.deepEqual(csv.split("\r\n"), [
    "bucket,account,region,method,object_level_requests,bucket_level_requests,cost_usd,estimated_requests," +
      "estimated_cost_usd,monthly_saving_requests,monthly_saving_usd,bucket_key_enabled_at",
    "logs,123456789012,us-east-1,projected,1000,0,0.003000,10,0.000030,2971,0.008912,",
    "media,123456789012,us-east-1,not-eligible,1000,0,0.003000,,0.000030,2971,0.008912,",
    "",
  ]);
});

test("a negative saving stays a number; no region is an empty field", () => {
  const csv = savingsCsv(savings([row({ monthlySavingUsd: -0.5, region: null })]));
  assert.match(csv.split("\r\n")[1]!, /^logs,123456789012,,projected,.*,-0\.500000,$/);
});
