import { test } from "node:test";
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import {
  logFileBody,
  noiseRecord,
  s3BucketChangeRecord,
  s3KmsRecord,
  seededRng,
  stableKeyArn,
  type Principal,
} from "@/scripts/cloudtrail-format";
import { aggregateRecords } from "./aggregate";
import { packAggregate, unpackAggregate } from "./aggregate-wire";
import { bucketEventsOf } from "./management-events";
import { parseLogFiles } from "./parse-file";

const account = "123456789012";
const keyArn = stableKeyArn("us-east-1", account, "parse-file");
const roles: Principal[] = ["orders-api", "reports"].map((name) => ({ kind: "role", name, session: `${name}-1` }));

/** One real-format log file's records: S3's KMS calls (object- and bucket-level), noise, and a bucket change. */
function fileRecords(seed: string, firstMinute: number): unknown[] {
  const rng = seededRng(seed);
  const time = (i: number) => new Date(Date.parse("2026-03-02T10:00:00Z") + (firstMinute + i / 10) * 60_000);
  const calls = Array.from({ length: 40 }, (_, i) =>
    s3KmsRecord(
      {
        time: time(i),
        region: "us-east-1",
        account,
        bucket: i % 3 === 0 ? "bkc-media" : "bkc-orders",
        objectKey: i % 5 === 0 ? undefined : `2026/03/02/${seed}-${i}.json`,
        operation: i % 2 === 0 ? "Decrypt" : "GenerateDataKey",
        keyArn,
        principal: roles[i % 2]!,
      },
      rng,
    ),
  );
  const noise = [0, 1, 2].map((kind) => noiseRecord(kind, time(kind), "us-east-1", account, keyArn, rng));
  const change = s3BucketChangeRecord(
    {
      time: time(3),
      region: "us-east-1",
      account,
      bucket: "bkc-orders",
      event: "PutBucketEncryption",
      principal: roles[0]!,
    },
    rng,
  );
  return [...calls, ...noise, change];
}

test("a batch of files folds into the aggregate of all their records, with each file's counts and bucket events", () => {
  const files = ["a", "b", "c"].map((seed, i) => fileRecords(seed, i * 5));
  const { usage, files: outcomes } = parseLogFiles(files.map((records) => logFileBody(records)));
  assert.deepEqual(usage, aggregateRecords(files.flat()));
  assert.equal(usage.events, 120);
  assert.deepEqual(
    outcomes,
    files.map((records) => ({ ok: true, events: 40, ignored: 4, bucketEvents: bucketEventsOf(records) })),
  );
  assert.equal(outcomes.filter((o) => o.ok && o.bucketEvents.length === 1).length, 3, "each file's bucket change");
});

test("a bad file is an outcome with its reason and adds nothing; the files around it are counted", () => {
  const good = [fileRecords("a", 0), fileRecords("c", 10)];
  const whole = logFileBody(fileRecords("b", 5));
  const bodies = [
    logFileBody(good[0]!),
    whole.subarray(0, whole.length - 20), // truncated in transit
    gzipSync('{"Records":[{"eventSource":"kms.amazonaws.com"'), // cut inside the JSON
    gzipSync('{"eventVersion":"1.08"}'), // not a log file
    logFileBody(good[1]!),
  ];
  const { usage, files } = parseLogFiles(bodies);
  assert.deepEqual(usage, aggregateRecords(good.flat()));
  assert.deepEqual(
    files.map((f) => (f.ok ? "ok" : f.error.replace(/ \(.*\)/, ""))),
    [
      "ok",
      "not a complete gzip file; the file may be truncated",
      "not valid JSON; the file may be truncated",
      'no "Records" array: not a CloudTrail log file',
      "ok",
    ],
  );
  assert.ok(files.every((f) => f.ok || f.malformed));
});

// Decompressed size against the cap, a file at a time: over it is that file's error (naming the limit), the others count.
const capCases: { name: string; body: () => Buffer; cap: number; error: RegExp | null }[] = [
  { name: "a normal file under the cap", body: () => logFileBody(fileRecords("a", 0)), cap: 2 ** 20, error: null },
  {
    name: "whitespace that inflates 1,000-fold past the cap",
    body: () => gzipSync(Buffer.alloc(4 * 2 ** 20, 0x20), { level: 9 }),
    cap: 2 ** 20,
    error: /^larger than 1 MiB once decompressed, the limit for one log file \(CONSOLE_MAX_LOG_FILE_MB\)/,
  },
  {
    name: "a log file one byte over the cap",
    body: () => gzipSync(Buffer.from(`{"Records":[]}${" ".repeat(2 ** 20 - 13)}`)),
    cap: 2 ** 20,
    error: /larger than 1 MiB once decompressed/,
  },
  {
    name: "a log file exactly at the cap",
    body: () => gzipSync(Buffer.from(`{"Records":[]}${" ".repeat(2 ** 20 - 14)}`)),
    cap: 2 ** 20,
    error: null,
  },
];
for (const c of capCases) {
  test(`decompressed-size cap: ${c.name}`, () => {
    const good = fileRecords("z", 3);
    const { usage, files } = parseLogFiles([c.body(), logFileBody(good)], { maxBytes: c.cap });
    const [first, second] = files;
    if (c.error) {
      assert.ok(first && !first.ok && first.malformed);
      assert.match(first.error, c.error);
    } else assert.equal(first?.ok, true);
    assert.deepEqual(second, { ok: true, events: 40, ignored: 4, bucketEvents: bucketEventsOf(good) });
    assert.ok(usage.events >= 40);
  });
}

test("UTF-8 text outside ASCII is decoded as UTF-8 (ASCII files take the faster latin1 path to the same text)", () => {
  const rng = seededRng("utf8");
  const user: Principal = { kind: "user", name: "josé" };
  const record = s3KmsRecord(
    {
      time: new Date("2026-03-02T10:00:00Z"),
      region: "us-east-1",
      account,
      bucket: "bkc-orders",
      objectKey: "résumé-ü.pdf",
      operation: "Decrypt",
      keyArn,
      principal: user,
    },
    rng,
  );
  const { usage } = parseLogFiles([logFileBody([record])]);
  assert.deepEqual(
    usage.principals.map((p) => p.principal),
    [`arn:aws:iam::${account}:user/josé`],
  );
  assert.deepEqual(usage, aggregateRecords([record]));
});

test("the packed form a worker sends unpacks to the same aggregate", () => {
  const aggregate = aggregateRecords([...fileRecords("a", 0), ...fileRecords("b", 55)]);
  assert.ok(aggregate.rows.length > 0 && aggregate.principals.length > 0);
  assert.ok(aggregate.slots.length > 0 && aggregate.minutes.length > 0);
  assert.ok(
    aggregate.minutes.some((m) => m.bucketPerMinute.some((n) => n > 0)),
    "bucket-level minutes too",
  );
  assert.ok(
    aggregate.slots.some((s) => s.minutesHigh !== 0),
    "a slot in the second half-hour",
  );
  assert.deepEqual(unpackAggregate(packAggregate(aggregate)), aggregate);
});

test("a demo record's calls count only when asked (the console asks when it reads from an emulator)", () => {
  const call = (calls?: unknown) => ({
    ...s3KmsRecord(
      {
        time: new Date("2026-03-02T10:07:30Z"),
        region: "us-east-1",
        account,
        bucket: "bkc-orders",
        objectKey: "a.json",
        operation: "Decrypt",
        keyArn,
        principal: roles[0]!,
      },
      seededRng("demo-calls"),
    ),
    ...(calls === undefined ? {} : { bucketKeyConsoleDemoCalls: calls }),
  });
  const body = logFileBody([call(500), call(), call(2.5), call(-3), call("9"), call(1e9)]);
  const counted = (demoCalls: boolean) => {
    const { usage } = parseLogFiles([body], { demoCalls });
    return { requests: usage.rows[0]!.requests, minute7: usage.minutes[0]!.objectPerMinute[7], events: usage.events };
  };
  // 500 for the first record, one call each for the rest: no field, not a whole number, out of range.
  assert.deepEqual(counted(true), { requests: 505, minute7: 505, events: 505 });
  assert.deepEqual(counted(false), { requests: 6, minute7: 6, events: 6 });
});
