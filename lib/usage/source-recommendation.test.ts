import { test } from "node:test";
import assert from "node:assert/strict";
import { recommendSource, refreshWindow } from "./source-recommendation";

const athena = { windowDays: 30, scanPricePerTb: 5 };

test("no trail → event history; a small trail → log files; a large one → Athena with the first scan's size and cost", () => {
  assert.equal(recommendSource(null, athena).source, "lookup-events");
  const small = recommendSource(
    { trail: "s3://logs/audit", bytesPerDay: 40 * 1024 ** 2, filesPerDay: 300, days: 3 },
    athena,
  );
  assert.equal(small.source, "log-files");
  assert.match(
    small.reason,
    /^s3:\/\/logs\/audit received about 40 MiB of logs \(300 files\) a day over the last 3 days: small enough to download/,
  );
  const large = recommendSource(
    { trail: "s3://logs/audit", bytesPerDay: 8 * 1024 ** 3, filesPerDay: 90_000, days: 3 },
    athena,
  );
  assert.equal(large.source, "athena");
  // 8 GiB × 31 days = 248 GiB scanned at USD 5 per TiB.
  assert.match(large.reason, /scans about 253952 MiB, about USD 1\.21\.$/);
});

test("the first refresh reads windowDays back; later ones start a day before the previous one ended", () => {
  const now = Date.parse("2026-03-10T05:30:00Z");
  const hourNow = now / 3_600_000 - 0.5;
  assert.deepEqual(refreshWindow(now, null, 30), { fromHour: hourNow - 720, toHour: hourNow + 1 });
  assert.deepEqual(refreshWindow(now, hourNow - 2, 30), { fromHour: hourNow - 26, toHour: hourNow + 1 });
  // Refreshed again within the hour: still a non-empty window.
  assert.deepEqual(refreshWindow(now, hourNow + 30, 30), { fromHour: hourNow, toHour: hourNow + 1 });
});
