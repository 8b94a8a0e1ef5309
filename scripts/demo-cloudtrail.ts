// The demo's KMS usage: 60 days of real-format CloudTrail log files in the trail's bucket.
// SSE-KMS buckets without a Bucket Key make object-level calls with a daily and weekly
// rhythm; bkc-demo-media switches to bucket-level calls 25 days before the end (its Bucket
// Key was turned on then); buckets with a Bucket Key throughout make a few bucket-level
// calls per principal and hour; other KMS callers, KMS reads, other services and a failing
// call are mixed in for the parser to ignore.
//
// One file per region per 6 hours (CloudTrail delivers every few minutes; fewer, larger
// files keep seeding to seconds). The period ends at the start of the current UTC day.
// Each file's content is a function of the seed, its region and its 6-hour slot, plus the
// switch day, so a rerun on the same day writes identical bytes and skips existing keys.
// Key ARNs are stable, id-shaped stand-ins: the emulator gives keys new ids on every run,
// and stable bytes are what make reruns idempotent.
//
// Scaled counts, not more records: a team's bill comes from tens of millions of KMS calls a
// month, which no emulator takes in minutes. So the demo (callsPerRecord) writes each
// object-level call record with `bucketKeyConsoleDemoCalls: N`, standing for N such calls, and
// the console counts it N times when it reads from an emulator (lib/usage/cloudtrail/record.ts,
// demoCallsOf). Bucket-level (Bucket Key) records stay one call each: their number follows
// requesters and refresh windows, not traffic. The tally, and so the demo's bill, counts the same.
import { ListObjectsV2Command, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import {
  s3BucketChangeRecord,
  logFileBody,
  logFileKey,
  noiseRecord,
  s3KmsRecord,
  seededRng,
  stableKeyArn,
  type Principal,
  type Rng,
} from "./cloudtrail-format";
import { mapLimit } from "../lib/runtime/concurrency";

const seed = "bucket-key-console-demo-v2";
const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
const slotHours = 6;
const demoUsageDays = 60;
/** What each object-level record of the demo stands for (see above): the demo's figures are a real team's size. */
export const demoCallsPerRecord = 500;
/** bkc-demo-media's Bucket Key goes on this many days before the end of the period, at 10:00 UTC. */
const mediaSwitchDaysAgo = 25;

const role = (name: string, session = name): Principal => ({ kind: "role", name, session });

type UsageProfile = {
  bucket: string;
  region: "us-east-1" | "eu-west-1";
  key: string;
  /** Mean object-level calls per hour at the daily peak on a weekday. */
  peak: number;
  /** Hour of day (UTC) of the peak. */
  peakHour: number;
  /** Share of calls that are reads (Decrypt); the rest are writes (GenerateDataKey). */
  reads: number;
  principals: Principal[];
  /** "off": object-level throughout; "on": bucket-level throughout; "switch": off until the switch, then on. */
  bucketKey: "off" | "on" | "switch";
  /** A launch this many days before the end raised the peak to `peak` calls an hour from then on. */
  launch?: { daysAgo: number; peak: number };
};

const profiles: UsageProfile[] = [
  {
    // The cost story: checkout v2 went live 30 days before the end and orders-api now reads and
    // writes an order object per request — about 1,400 KMS calls an hour at the afternoon peak
    // (0.4 a second), some 400,000 in the last 30 days: USD 1.20 a month at USD 0.03 per 10,000,
    // nearly all of which a Bucket Key saves (a handful of requesters, one key).
    bucket: "bkc-demo-orders",
    region: "us-east-1",
    key: "orders-data",
    peak: 80,
    peakHour: 15,
    reads: 0.6,
    principals: [role("orders-api"), role("orders-batch"), { kind: "user", name: "etl-runner" }],
    bucketKey: "off",
    launch: { daysAgo: 30, peak: 1_400 },
  },
  {
    bucket: "bkc-demo-invoices",
    region: "us-east-1",
    key: "orders-data",
    peak: 14,
    peakHour: 14,
    reads: 0.7,
    principals: [role("billing-service"), role("orders-api")],
    bucketKey: "off",
  },
  {
    bucket: "bkc-demo-aws-managed",
    region: "us-east-1",
    key: "aws-s3-managed",
    peak: 8,
    peakHour: 16,
    reads: 0.5,
    principals: [role("reports-job")],
    bucketKey: "off",
  },
  {
    bucket: "bkc-demo-replicated-source",
    region: "us-east-1",
    key: "orders-data",
    peak: 10,
    peakHour: 13,
    reads: 0.5,
    principals: [role("ingest-worker"), role("bkc-demo-replication", "s3-replication")],
    bucketKey: "off",
  },
  {
    bucket: "bkc-demo-dsse-records",
    region: "us-east-1",
    key: "orders-data",
    peak: 5,
    peakHour: 12,
    reads: 0.5,
    principals: [role("records-api")],
    bucketKey: "off",
  },
  {
    bucket: "bkc-demo-media",
    region: "us-east-1",
    key: "media-assets",
    peak: 70,
    peakHour: 18,
    reads: 0.75,
    principals: [role("media-transcoder"), role("media-cdn-origin"), { kind: "user", name: "alice" }],
    bucketKey: "switch",
  },
  {
    bucket: "bkc-demo-analytics-eu",
    region: "eu-west-1",
    key: "analytics-eu",
    peak: 60,
    peakHour: 2,
    reads: 0.8,
    principals: [role("analytics-spark"), role("analytics-athena")],
    bucketKey: "off",
  },
  {
    bucket: "bkc-demo-clickstream-eu",
    region: "eu-west-1",
    key: "analytics-eu",
    peak: 30,
    peakHour: 11,
    reads: 0.3,
    principals: [role("clickstream-firehose"), role("analytics-spark")],
    bucketKey: "on",
  },
  {
    bucket: "bkc-demo-replica-eu",
    region: "eu-west-1",
    key: "replica-eu",
    peak: 20,
    peakHour: 13,
    reads: 0.1,
    principals: [role("bkc-demo-replication", "s3-replication")],
    bucketKey: "on",
  },
];

/** The demo's second account (data-platform): one busy candidate, one bucket already on a Bucket Key. */
const dataPlatformProfiles: UsageProfile[] = [
  {
    bucket: "bkc-dp-events",
    region: "us-east-1",
    key: "events-data",
    peak: 120,
    peakHour: 9,
    reads: 0.4,
    principals: [role("events-collector"), role("events-enricher")],
    bucketKey: "off",
  },
  {
    bucket: "bkc-dp-warehouse-eu",
    region: "eu-west-1",
    key: "warehouse-eu",
    peak: 25,
    peakHour: 3,
    reads: 0.9,
    principals: [role("warehouse-loader")],
    bucketKey: "on",
  },
];

type DemoUsage = "main" | "data-platform";
const usageProfiles: Record<DemoUsage, UsageProfile[]> = { main: profiles, "data-platform": dataPlatformProfiles };

/** Weekday × time-of-day rhythm, 0..1: business-hours bell around the peak, quieter weekends. */
function rhythm(time: Date, peakHour: number): number {
  const distance = Math.min(Math.abs(time.getUTCHours() - peakHour), 24 - Math.abs(time.getUTCHours() - peakHour));
  const daily = 0.25 + 0.75 * Math.exp(-(distance * distance) / 18);
  const day = time.getUTCDay();
  return daily * (day === 0 || day === 6 ? 0.4 : 1);
}

function callsInHour(
  p: UsageProfile,
  hourStart: Date,
  at: { switchAt: number; end: number },
  account: string,
  keyArn: string,
  rng: Rng,
  callsPerRecord: number,
): KmsRecord[] {
  const switchAt = at.switchAt;
  const records: KmsRecord[] = [];
  const launched = p.launch && hourStart.getTime() >= at.end - p.launch.daysAgo * dayMs;
  const peak = launched ? p.launch!.peak : p.peak;
  const demand = Math.round(peak * rhythm(hourStart, p.peakHour) * (0.8 + 0.4 * rng()));
  const bucketKeyOn = p.bucketKey === "on" || (p.bucketKey === "switch" && hourStart.getTime() >= switchAt);
  const when = () => new Date(hourStart.getTime() + Math.floor(rng() * hourMs));
  const operation = () => (rng() < p.reads ? "Decrypt" : "GenerateDataKey");
  // An object-level record for `callsPerRecord` calls; the field is left out at 1, as CloudTrail writes records.
  const objectLevel = (principal: Principal, op: () => "Decrypt" | "GenerateDataKey"): KmsRecord => {
    const time = when();
    const objectKey = `data/${Math.floor(rng() * 5000)}.json`;
    const call = { time, region: p.region, account, bucket: p.bucket, objectKey, operation: op(), keyArn, principal };
    const record = s3KmsRecord(call, rng);
    return callsPerRecord === 1 ? record : { ...record, bucketKeyConsoleDemoCalls: callsPerRecord };
  };
  if (!bucketKeyOn) {
    for (let i = 0; i < demand; i++) {
      records.push(objectLevel(p.principals[Math.floor(rng() * p.principals.length)]!, operation));
    }
    return records;
  }
  // With a Bucket Key: each active principal fetches the bucket-level key once or twice an hour.
  for (const principal of p.principals) {
    if (demand === 0 || rng() < 0.15) continue;
    const refreshes = rng() < 0.3 ? 2 : 1;
    for (let i = 0; i < refreshes; i++)
      records.push(
        s3KmsRecord(
          { time: when(), region: p.region, account, bucket: p.bucket, operation: operation(), keyArn, principal },
          rng,
        ),
      );
  }
  // Objects written before the switch keep their object-level keys: a dwindling trickle of reads.
  if (p.bucketKey === "switch") {
    const daysSince = (hourStart.getTime() - switchAt) / dayMs;
    const oldReads = Math.round(demand * p.reads * 0.08 * Math.exp(-daysSince / 6));
    for (let i = 0; i < oldReads; i++) {
      records.push(objectLevel(p.principals[0]!, () => "Decrypt"));
    }
  }
  return records;
}

type DemoLogFile = { key: string; body: Buffer; records: number };
type KmsRecord = ReturnType<typeof s3KmsRecord> & { bucketKeyConsoleDemoCalls?: number };

/** S3's KMS calls the log files hold, per "day\tkey ARN\toperation": what the demo's bill is built from. */
export type KmsCallTally = Map<string, number>;

type DemoLogOptions = {
  usage?: DemoUsage;
  /** Counts S3's KMS calls in the files, as the console will (each record's calls). */
  tally?: KmsCallTally;
  /** The demo's own keys by alias, so pages can name them. */
  keyArns?: ReadonlyMap<string, string>;
  /** What each object-level record stands for: 1 (one record a call, as CloudTrail writes) unless told. */
  callsPerRecord?: number;
};

/** The demo's log files for the `days` days before `end` (a UTC midnight). */
export function demoLogFiles(
  account: string,
  end: Date,
  days = demoUsageDays,
  options: DemoLogOptions = {},
): DemoLogFile[] {
  const { usage = "main", tally, keyArns = new Map<string, string>(), callsPerRecord = 1 } = options;
  // The demo's own keys by their real ARNs (so pages can name them by alias); others get a stable made-up one.
  const keyArnOf = (p: UsageProfile) => keyArns.get(`alias/${p.key}`) ?? stableKeyArn(p.region, account, p.key);
  const switchAt = end.getTime() - mediaSwitchDaysAgo * dayMs + 10 * hourMs;
  const files: DemoLogFile[] = [];
  for (const region of ["us-east-1", "eu-west-1"] as const) {
    const regional = usageProfiles[usage].filter((p) => p.region === region);
    const noiseKey = stableKeyArn(region, account, `${region}-app-secrets`);
    for (let slot = end.getTime() - days * dayMs; slot < end.getTime(); slot += slotHours * hourMs) {
      const rng = seededRng(`${seed}:${region}:${slot}`);
      const records: unknown[] = [];
      for (let h = 0; h < slotHours; h++) {
        const hourStart = new Date(slot + h * hourMs);
        for (const p of regional) {
          const at = { switchAt, end: end.getTime() };
          const calls = callsInHour(p, hourStart, at, account, keyArnOf(p), rng, callsPerRecord);
          records.push(...calls);
          for (const c of calls) {
            const k = `${c.eventTime.slice(0, 10)}\t${c.resources[0]!.ARN}\t${c.eventName}`;
            tally?.set(k, (tally.get(k) ?? 0) + (c.bucketKeyConsoleDemoCalls ?? 1));
          }
        }
        const noise = 3 + Math.floor(rng() * 6);
        for (let i = 0; i < noise; i++)
          records.push(
            noiseRecord(
              Math.floor(rng() * 6),
              new Date(hourStart.getTime() + Math.floor(rng() * hourMs)),
              region,
              account,
              noiseKey,
              rng,
            ),
          );
      }
      // CloudTrail does not sort records within a file; neither does the demo (shuffled deterministically).
      for (let i = records.length - 1; i > 0; i--) {
        const j = Math.floor(rng() * (i + 1));
        [records[i], records[j]] = [records[j], records[i]];
      }
      // bkc-demo-media's Bucket Key was turned on outside the console (S3 console, platform-admin):
      // its management event, from an RNG of its own so the KMS records stay as they were.
      if (usage === "main" && region === "us-east-1" && switchAt >= slot && switchAt < slot + slotHours * hourMs)
        records.push(
          s3BucketChangeRecord(
            {
              time: new Date(switchAt),
              region,
              account,
              bucket: "bkc-demo-media",
              event: "PutBucketEncryption",
              principal: role("platform-admin"),
            },
            seededRng(`${seed}:media-bucket-key`),
          ),
        );
      const delivered = new Date(slot + slotHours * hourMs - 5 * 60_000);
      files.push({
        key: logFileKey(account, region, delivered, `${seed}:${region}:${slot}`),
        body: logFileBody(records),
        records: records.length,
      });
    }
  }
  return files;
}

/** Writes the demo's log files that are not in the bucket yet. */
export async function seedDemoCloudTrail(
  s3: S3Client,
  bucket: string,
  account: string,
  now = new Date(),
  usage: DemoUsage = "main",
  keyArns: ReadonlyMap<string, string> = new Map(),
): Promise<{ written: number; existing: number; records: number; calls: KmsCallTally }> {
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const existing = new Set<string>();
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: `AWSLogs/${account}/CloudTrail/`, ContinuationToken: token }),
    );
    for (const o of page.Contents ?? []) if (o.Key) existing.add(o.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  const calls: KmsCallTally = new Map();
  const files = demoLogFiles(account, end, demoUsageDays, {
    usage,
    tally: calls,
    keyArns,
    callsPerRecord: demoCallsPerRecord,
  }).filter((f) => !existing.has(f.key));
  await mapLimit(files, 8, (f) => s3.send(new PutObjectCommand({ Bucket: bucket, Key: f.key, Body: f.body })));
  return { written: files.length, existing: existing.size, records: files.reduce((s, f) => s + f.records, 0), calls };
}
