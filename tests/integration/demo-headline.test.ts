// The demo's cost evidence pinned: its CloudTrail log files and its Data Export for a fixed end
// day, read through the real readers from moto's S3, give exactly these headline figures. A change
// to the demo's volumes, the bill it writes or the arithmetic moves them; update them on purpose.
import { test, mock } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { createBucket, testS3, uniqueName } from "./helpers";

process.env.CONSOLE_DATA_DIR = mkdtempSync(path.join(tmpdir(), "bkc-demo-headline-"));

const { demoCallsPerRecord, demoLogFiles } = await import("@/scripts/demo-cloudtrail");
const { demoBillExport, seedDemoBill } = await import("@/scripts/demo-bill");
const { listLogFiles, readS3LogFile } = await import("@/lib/usage/cloudtrail/log-files");
const { ingestLogFiles } = await import("@/lib/usage/cloudtrail/ingest-files");
const { noteBucketEvents } = await import("@/lib/inventory/bucket-events-store");
const { ingestBill } = await import("@/lib/usage/bill/ingest");
const { headline } = await import("@/lib/usage/reports/headline");
const { reconciliationReport } = await import("@/lib/usage/reports/reconciliation-report");

const account = "123456789012";
const end = new Date("2026-11-20T00:00:00Z");
const bucket = uniqueName("demo-bill");
const s3 = testS3();
const calls = new Map<string, number>();
const files = demoLogFiles(account, end, 60, { tally: calls, callsPerRecord: demoCallsPerRecord });

await createBucket(bucket);
const queue = [...files];
await Promise.all(
  Array.from({ length: 8 }, async () => {
    for (let f = queue.shift(); f; f = queue.shift())
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: f.key, Body: f.body }));
  }),
);
// As the console's ingestion does: the log files' S3 management events are noted (the demo's
// outside change to bkc-demo-media is one), their KMS calls stored.
await ingestLogFiles(await listLogFiles({ bucket, prefix: "" }), {
  source: "it",
  account,
  read: readS3LogFile,
  onBucketEvents: (events) => noteBucketEvents(events, "trail"),
});
await seedDemoBill(s3, bucket, [{ id: account, calls }]);
const read = await ingestBill({ bucket, ...demoBillExport, months: 3 }, new Date("2026-11-20T12:00:00Z"));

const scope = { accounts: [account, ""], consoleAccount: account, all: false };
const round = (n: number | null) => (n === null ? null : Math.round(n * 1e6) / 1e6);

test("the demo's bill is read whole: three months, no errors", () => {
  assert.deepEqual(read, {
    at: "2026-11-20T12:00:00.000Z",
    filesRead: 3,
    filesUnchanged: 0,
    filesDropped: 0,
    error: null,
  });
});

test("the demo's headline figures, exactly", async () => {
  mock.timers.enable({ apis: ["Date"], now: Date.parse("2026-11-20T12:00:00Z") });
  try {
    const h = await headline(scope, []);
    assert.deepEqual(
      {
        cost: round(h.monthlyCost.usd),
        costSource: h.monthlyCost.basis?.source,
        costLabel: h.monthlyCost.basis?.label,
        realized: round(h.realizedSaving.usd),
        realizedLabel: h.realizedSaving.basis?.label,
        projected: round(h.projectedSavingLeft.usd),
        projectedSource: h.projectedSavingLeft.basis?.source,
      },
      {
        cost: 671.970569,
        costSource: "bill",
        costLabel:
          "per month, S3's share of the KMS request bill (Data Export) of 2026-10-21 to 2026-11-19: " +
          "USD 662.77 of USD 984.14 billed",
        realized: 24.108499,
        realizedLabel:
          "saved from 2026-10-27 to 2026-11-19 by 1 change: each bucket's daily KMS cost after its change " +
          "against the 7 days before (CloudTrail)",
        projected: 668.274678,
        projectedSource: "cloudtrail",
      },
    );
    const r = reconciliationReport({}, scope, []);
    assert.deepEqual(
      r.keys.map((k) => [k.keyArn.slice(-12), k.status, k.share === null ? null : Math.round(k.share * 1000) / 1000]),
      [
        // orders-data, the largest: RDS and Lambda add 12% to its reads.
        ["2b951ad54f1f", "matches", 0.933],
        // Secrets Manager's keys (us-east-1, eu-west-1): on the bill, never called by S3.
        ["06bd60c9cca7", "gap", 0],
        ["b99d05817266", "gap", 0],
        // analytics-eu: Glue adds 30% to its reads.
        ["4eb2e7f5bf43", "gap", 0.807],
        ["9c05a148d182", "matches", 1],
        ["60922cd61342", "matches", 1],
        ["9f563ef1f808", "matches", 1],
        // release-signing: asymmetric requests only, none that S3 could make.
        ["038bf9f95dbc", "matches", null],
      ],
    );
  } finally {
    mock.timers.reset();
  }
});
