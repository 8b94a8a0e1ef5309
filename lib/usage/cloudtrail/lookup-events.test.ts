// LookupEvents against a stub client answering in the API's real response shape (moto does
// not implement the call). Time is injected: the pacing is asserted from the sleeps asked
// for, never from a wall clock.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { LookupEventsCommand, LookupEventsCommandOutput } from "@aws-sdk/client-cloudtrail";

process.env.CONSOLE_DATA_DIR = mkdtempSync(path.join(tmpdir(), "bkc-lookup-"));
const { createPacer, ingestLookupEvents, windowReceipt } = await import("./lookup-events");
const { hourlyUsage } = await import("@/lib/usage/store/queries");
const { ingestedFiles } = await import("@/lib/usage/store/receipts");

const hourMs = 3_600_000;
const t0 = Date.parse("2026-03-01T00:00:00Z");
const keyArn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

function kmsEvent(i: number, time: number, bucket: string) {
  const record = {
    eventVersion: "1.08",
    userIdentity: {
      type: "AssumedRole",
      arn: `arn:aws:sts::123456789012:assumed-role/app/s${i % 3}`,
      accountId: "123456789012",
      invokedBy: "s3.amazonaws.com",
    },
    eventTime: new Date(time).toISOString().replace(/\.\d{3}Z$/, "Z"),
    eventSource: "kms.amazonaws.com",
    eventName: i % 2 ? "Decrypt" : "GenerateDataKey",
    awsRegion: "us-east-1",
    requestParameters: { encryptionContext: { "aws:s3:arn": `arn:aws:s3:::${bucket}/obj-${i}` } },
    resources: [{ accountId: "123456789012", type: "AWS::KMS::Key", ARN: keyArn }],
    eventID: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
  };
  // The shape LookupEvents returns: summary fields plus the full record as a JSON string.
  return {
    EventId: record.eventID,
    EventName: record.eventName,
    ReadOnly: "true",
    AccessKeyId: "ASIAEXAMPLE",
    EventTime: new Date(time),
    EventSource: "kms.amazonaws.com",
    Username: "s3.amazonaws.com",
    Resources: [{ ResourceType: "AWS::KMS::Key", ResourceName: keyArn }],
    CloudTrailEvent: JSON.stringify(record),
  };
}

/** Serves `perWindow` events per 6-hour window, `pageSize` per page, advancing the clock 100 ms per call. */
function stubClient(
  clock: { t: number },
  opts: { perWindow: number; pageSize: number; bucket: string; failOnCall?: number },
) {
  const calls: LookupEventsCommand["input"][] = [];
  const client = {
    async send(command: LookupEventsCommand): Promise<LookupEventsCommandOutput> {
      calls.push(command.input);
      clock.t += 100;
      if (opts.failOnCall === calls.length)
        throw Object.assign(new Error("Rate exceeded"), {
          name: "ThrottlingException",
          $metadata: { httpStatusCode: 400 },
        });
      const start = command.input.StartTime!.getTime();
      const offset = Number(command.input.NextToken ?? 0);
      const all = Array.from({ length: opts.perWindow }, (_, i) => kmsEvent(i, start + i * 60_000, opts.bucket));
      const page = all.slice(offset, offset + opts.pageSize);
      const next = offset + opts.pageSize < all.length ? String(offset + opts.pageSize) : undefined;
      return { Events: page, NextToken: next, $metadata: { httpStatusCode: 200 } };
    },
  };
  return { client, calls };
}

function fakeClock(start: number) {
  const state = { t: start, sleeps: [] as number[] };
  return {
    state,
    clock: { now: () => state.t, sleep: async (ms: number) => void (state.sleeps.push(ms), (state.t += ms)) },
  };
}

test("the pacer keeps calls at least 500 ms apart, sleeping only for what is left", async () => {
  const { state, clock } = fakeClock(0);
  const pace = createPacer(500, clock);
  await pace();
  await pace();
  state.t += 200;
  await pace();
  state.t += 900;
  await pace();
  assert.deepEqual(state.sleeps, [500, 300]);
});

test("pages through every window, filtered on KMS, within 2 requests per second", async () => {
  const { state, clock } = fakeClock(t0 + 24 * hourMs + 20 * 60_000);
  const { client, calls } = stubClient(state, { perWindow: 7, pageSize: 3, bucket: "paged" });
  const progress = await ingestLookupEvents({
    client,
    account: "123456789012",
    region: "us-east-1",
    since: new Date(t0),
    clock,
    pace: createPacer(500, clock),
  });
  // 4 closed windows × 3 pages (3 + 3 + 1 events).
  assert.equal(calls.length, 12);
  assert.deepEqual(calls[0]!.LookupAttributes, [{ AttributeKey: "EventSource", AttributeValue: "kms.amazonaws.com" }]);
  assert.deepEqual(
    calls.slice(0, 3).map((c) => c.NextToken),
    [undefined, "3", "6"],
  );
  assert.equal(progress.events, 28);
  assert.equal(progress.filesDone, 4);
  // Each call took 100 ms of (fake) time, so the pacer slept the other 400 ms before each next call.
  assert.deepEqual(state.sleeps, Array(11).fill(400));
  const total = hourlyUsage({ bucket: "paged", fromHour: t0 / hourMs, toHour: t0 / hourMs + 48 }).reduce(
    (s, r) => s + r.requests,
    0,
  );
  assert.equal(total, 28);
});

test("a window that is still open (or within the delivery delay) is not fetched yet", async () => {
  const { state, clock } = fakeClock(t0 + 6 * hourMs + 10 * 60_000);
  const { client, calls } = stubClient(state, { perWindow: 1, pageSize: 50, bucket: "open" });
  await ingestLookupEvents({
    client,
    account: "123456789012",
    region: "eu-west-1",
    since: new Date(t0),
    clock,
    pace: createPacer(500, clock),
  });
  assert.equal(calls.length, 0, "the 00:00–06:00 window closed 10 minutes ago: under the 15-minute delay");
});

test("an interrupted run resumes at the first window without a receipt and counts nothing twice", async () => {
  const { state, clock } = fakeClock(t0 + 24 * hourMs + 20 * 60_000);
  const failing = stubClient(state, { perWindow: 5, pageSize: 2, bucket: "resumed", failOnCall: 8 });
  // Call 8 is the second page of the third window: windows 1 and 2 are committed, 3 is not.
  await assert.rejects(
    ingestLookupEvents({
      client: failing.client,
      account: "123456789012",
      region: "ap-south-1",
      since: new Date(t0),
      clock,
      pace: createPacer(500, clock),
    }),
    /LookupEvents|throttl|Rate/i,
  );
  const receipts = [...ingestedFiles().keys()].filter((k) => k.includes("ap-south-1"));
  assert.deepEqual(
    receipts.sort(),
    [
      windowReceipt("123456789012", "ap-south-1", t0, 6),
      windowReceipt("123456789012", "ap-south-1", t0 + 6 * hourMs, 6),
    ].sort(),
  );

  const rerun = stubClient(state, { perWindow: 5, pageSize: 2, bucket: "resumed" });
  const progress = await ingestLookupEvents({
    client: rerun.client,
    account: "123456789012",
    region: "ap-south-1",
    since: new Date(t0),
    clock,
    pace: createPacer(500, clock),
  });
  assert.equal(progress.filesDone, 2);
  assert.deepEqual(
    [...new Set(rerun.calls.map((c) => c.StartTime!.toISOString()))],
    ["2026-03-01T12:00:00.000Z", "2026-03-01T18:00:00.000Z"],
  );
  const total = hourlyUsage({ bucket: "resumed", fromHour: t0 / hourMs, toHour: t0 / hourMs + 48 }).reduce(
    (s, r) => s + r.requests,
    0,
  );
  assert.equal(total, 20, "4 windows × 5 events, each once");
});
