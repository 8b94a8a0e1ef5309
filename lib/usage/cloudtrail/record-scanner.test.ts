// The log-file scanner must read what JSON.parse reads. Seeded-random log files (the generator's real-format
// records with fields repeated, mistyped, emptied, escaped and reordered, beside decoy objects that use our key
// names, in compact, pretty and whitespace-heavy text) are read both ways: each record's fields must equal
// fieldsOfRecord's of the parsed record, and parseLogFile must equal the JSON.parse path. Hand-written records
// pin the repeated-key cases; text the scanner does not take must fall back to JSON.parse, or fail with
// the reason JSON.parse gives.
import { test } from "node:test";
import assert from "node:assert/strict";
import { gunzipSync, gzipSync } from "node:zlib";
import {
  logFileBody,
  noiseRecord,
  s3BucketChangeRecord,
  s3KmsRecord,
  seededRng,
  stableKeyArn,
  type Principal,
  type Rng,
  type S3BucketChange,
} from "@/scripts/cloudtrail-format";
import { aggregateRecords, MalformedLogFile } from "./aggregate";
import { fieldsOfRecord, parseRecordFields, type RecordFields } from "./cloudtrail-record";
import { bucketEventsOf } from "./management-events";
import { parseLogFile } from "./parse-file";
import { scanLogFile, ScanFailed } from "./record-scanner";

/** An object written entry by entry, so a key can repeat (JSON.stringify cannot write that). */
class Entries {
  constructor(
    public list: [string, unknown][],
    readonly escapeKeys = false,
  ) {}
}
/** JSON text written as it is: numbers in exponent form, which JSON.stringify never writes. */
class Raw {
  constructor(readonly text: string) {}
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
function shuffled<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** How a file is written: whitespace around every token, and how often a string character is escaped. */
type Style = { gap: (rng: Rng) => string; escapes: number };
const compact: Style = { gap: () => "", escapes: 0 };
const escaped: Style = { gap: () => "", escapes: 0.15 };
const spacey: Style = {
  gap: (rng) => (rng() < 0.4 ? "" : pick(rng, [" ", "\n", "\t", "\r\n", "  \n\t "])),
  escapes: 0.1,
};

/** A string with some characters as \uXXXX (either case) and some slashes as \/; JSON.stringify does \" and \\. */
function writeString(s: string, rng: Rng, escapes: number): string {
  if (escapes === 0 || rng() < 0.5) return JSON.stringify(s);
  let out = "";
  for (const ch of s) {
    if (rng() < escapes) {
      const hex = (i: number) => ch.charCodeAt(i).toString(16).padStart(4, "0");
      for (let i = 0; i < ch.length; i++) out += `\\u${rng() < 0.5 ? hex(i) : hex(i).toUpperCase()}`;
    } else if (ch === "/" && rng() < 0.5) out += "\\/";
    else out += JSON.stringify(ch).slice(1, -1);
  }
  return `"${out}"`;
}

function write(v: unknown, rng: Rng, style: Style): string {
  if (v instanceof Raw) return v.text;
  if (typeof v === "string") return writeString(v, rng, style.escapes);
  if (v === null || typeof v !== "object") return JSON.stringify(v);
  const gap = style.gap;
  let out = "";
  if (Array.isArray(v)) {
    for (const x of v) out += `${out ? "," : "["}${gap(rng)}${write(x, rng, style)}${gap(rng)}`;
    return `${out || "["}${gap(rng)}]`;
  }
  const [list, escapeKeys] = v instanceof Entries ? [v.list, v.escapeKeys] : [Object.entries(v), false];
  for (const [k, x] of list) {
    const key = escapeKeys ? writeString(k, rng, 0.3) : JSON.stringify(k);
    out += `${out ? "," : "{"}${gap(rng)}${key}${gap(rng)}:${gap(rng)}${write(x, rng, style)}${gap(rng)}`;
  }
  return `${out || "{"}${gap(rng)}}`;
}

/** A plain JSON value as Entries, keys shuffled in most objects. */
function entriesOf(v: unknown, rng: Rng): unknown {
  if (Array.isArray(v)) return v.map((x) => entriesOf(x, rng));
  if (v === null || typeof v !== "object" || v instanceof Raw || v instanceof Entries) return v;
  const list = Object.entries(v).map(([k, x]): [string, unknown] => [k, entriesOf(x, rng)]);
  return new Entries(rng() < 0.7 ? shuffled(rng, list) : list);
}

const account = "123456789012";
const kmsArn = (id: string) => `arn:aws:kms:us-east-1:${account}:key/${id}`;
const keyArns = ["orders", "media", "legacy"].map((name) => stableKeyArn("us-east-1", account, name));
const principals: Principal[] = [
  { kind: "role", name: "orders-api", session: "i-0123" },
  { kind: "role", name: "batch", session: "nightly" },
  { kind: "user", name: "alice" },
];
const bucketEventNames: S3BucketChange["event"][] = ["CreateBucket", "PutBucketEncryption", "PutBucketVersioning"];

/** A record as the generator writes it: S3's KMS calls, the six kinds of noise, S3 bucket-level changes. */
function generatorRecord(rng: Rng): Record<string, unknown> {
  const time = new Date(Date.UTC(2026, 2, 2, 10 + Math.floor(rng() * 3), Math.floor(rng() * 60), 7));
  const region = pick(rng, ["us-east-1", "eu-west-1"]);
  const [bucket, principal] = [pick(rng, ["orders", "media", "logs"]), pick(rng, principals)];
  const roll = rng();
  if (roll < 0.5) {
    const objectKey = rng() < 0.5 ? undefined : pick(rng, ["2026/03/a.json", "ü/日本 space.txt", 'q"uote\\d']);
    const operation = pick(rng, ["GenerateDataKey", "Decrypt"] as const);
    return s3KmsRecord(
      { time, region, account, bucket, objectKey, operation, keyArn: pick(rng, keyArns), principal },
      rng,
    );
  }
  if (roll < 0.85) return noiseRecord(Math.floor(rng() * 6), time, region, account, pick(rng, keyArns), rng);
  return s3BucketChangeRecord({ time, region, account, bucket, event: pick(rng, bucketEventNames), principal }, rng);
}

/** An object no field is read from, full of keys named like the ones that are: reading any of them shows. */
function decoy(rng: Rng, depth: number): Entries {
  const inner = depth > 0 ? decoy(rng, depth - 1) : new Raw("-0.5e-3");
  const list: [string, unknown][] = [
    ["eventSource", "kms.amazonaws.com"],
    ["eventName", "Decrypt"],
    ["errorCode", "Decoy"],
    ["arn", "arn:aws:iam::999999999999:role/decoy"],
    ["ARN", kmsArn("decoy")],
    ["aws:s3:arn", "arn:aws:s3:::decoy/x"],
    ["keyId", kmsArn("decoy")],
    ["requestParameters", { encryptionContext: { "aws:s3:arn": "arn:aws:s3:::decoy" } }],
    ["resources", [{ ARN: kmsArn("decoy") }]],
    ["userIdentity", { arn: "decoy", sessionContext: { sessionIssuer: { arn: "decoy" } } }],
    ["Records", [{ eventSource: "kms.amazonaws.com" }]],
    ["nested", [[[inner]], new Raw("1E5"), true, null, "x"]],
  ];
  return new Entries(shuffled(rng, list), rng() < 0.3);
}

const s3Arns = ["arn:aws:s3:::orders/2026/ü/日本.txt", "arn:aws:s3:::media", "arn:aws-us-gov:s3:::gov/x", "orders/x"];
const context = (rng: Rng) => pick(rng, [{ "aws:s3:arn": pick(rng, s3Arns) }, { "aws:s3:arn": "", SecretARN: "s" }]);
const role = (name: string) => `arn:aws:iam::${account}:role/${name}`;

/** Values a field may plausibly take instead of its own, so mutated records still count (or fail) for a reason. */
const plausible: Record<string, (rng: Rng) => unknown> = {
  eventSource: (rng) => pick(rng, ["kms.amazonaws.com", "s3.amazonaws.com", "sts.amazonaws.com"]),
  eventName: (rng) => pick(rng, ["Decrypt", "GenerateDataKey", "ReEncrypt", "CreateBucket", "DescribeKey"]),
  errorCode: () => "AccessDenied",
  eventTime: (rng) => pick(rng, ["2026-03-02T14:37:12Z", "2026-03-02T15:00:59.250Z", "2026-03-02T16:05Z", "later"]),
  awsRegion: (rng) => pick(rng, ["eu-west-1", "ap-southeast-2"]),
  requestParameters: (rng) =>
    pick(rng, [
      { encryptionContext: context(rng), keyId: "alias/other" },
      { destinationEncryptionContext: context(rng), sourceEncryptionContext: context(rng), destinationKeyId: "d" },
      { sourceEncryptionContext: context(rng) },
      { bucketName: "orders" },
      {},
    ]),
  encryptionContext: context,
  destinationEncryptionContext: context,
  sourceEncryptionContext: context,
  "aws:s3:arn": (rng) => pick(rng, s3Arns),
  keyId: (rng) => pick(rng, [kmsArn("by-id"), "alias/orders"]),
  destinationKeyId: () => kmsArn("destination"),
  resources: (rng) => Array.from({ length: 1 + Math.floor(rng() * 5) }, () => pick(rng, resourceElements)(rng)),
  userIdentity: (rng) =>
    pick(rng, [
      { type: "AWSService", invokedBy: "s3.amazonaws.com" },
      {
        type: "AssumedRole",
        arn: "arn:aws:sts::1:assumed-role/r/s",
        sessionContext: { sessionIssuer: { arn: role("r") } },
      },
      { type: "IAMUser", principalId: "AIDAOTHER" },
    ]),
  type: (rng) => pick(rng, ["AssumedRole", "IAMUser", "AWSService"]),
  arn: (rng) => pick(rng, ["arn:aws:sts::1:assumed-role/other/s", role("other")]),
  principalId: () => "AROAOTHER:session",
  invokedBy: () => "s3.amazonaws.com",
  sessionContext: (rng) => pick(rng, [{ sessionIssuer: { arn: role("via-context") } }, { attributes: {} }]),
  sessionIssuer: (rng) => pick(rng, [{ type: "Role", arn: role("issuer") }, role("as-a-string")]),
};

/** resources[] elements: several KMS ARNs (the first one counts), non-objects, a repeated ARN (the last counts). */
const resourceElements: ((rng: Rng) => unknown)[] = [
  (rng) => ({ accountId: account, type: "AWS::KMS::Key", ARN: pick(rng, keyArns) }),
  () => ({ type: "AWS::S3::Bucket", ARN: "arn:aws:s3:::orders" }),
  (rng) => pick(rng, [{ ARN: "" }, { ARN: 5 }, { ARN: null }, {}, null, 42, kmsArn("a-string-element")]),
  () => [{ ARN: kmsArn("inside-an-array") }],
  () =>
    new Entries([
      ["ARN", kmsArn("first")],
      ["ARN", "arn:aws:s3:::last-wins"],
    ]),
  () =>
    new Entries([
      ["ARN", "arn:aws:s3:::first"],
      ["ARN", kmsArn("last-wins")],
    ]),
  (rng) =>
    new Entries([
      ["tags", decoy(rng, 1)],
      ["ARN", kmsArn("beside-a-decoy")],
    ]),
];

/** Values of the wrong type, empty (read as absent), or written in forms a scanner can trip on. */
const oddValues: unknown[] = [
  ...[0, -12, new Raw("1E5"), new Raw("-0.5e-3"), new Raw("1e+2"), true, false, null],
  ...[[], ["kms.amazonaws.com"], {}, { arn: "x", ARN: kmsArn("odd") }],
  ...["", "a\\", 'say "hi"', "café ü 日本 😀", "/\t\u0001"],
];

/** The fields' places: the path to the object holding each, then its key. */
const fieldPaths = [
  ...["eventSource", "eventName", "errorCode", "eventTime", "awsRegion", "requestParameters", "resources"],
  ...["userIdentity", "requestParameters.keyId", "requestParameters.destinationKeyId"],
  ...["encryptionContext", "destinationEncryptionContext", "sourceEncryptionContext"].flatMap((c) => [
    `requestParameters.${c}`,
    `requestParameters.${c}.aws:s3:arn`,
  ]),
  ...["type", "arn", "principalId", "invokedBy", "sessionContext"].map((key) => `userIdentity.${key}`),
  ...["userIdentity.sessionContext.sessionIssuer", "userIdentity.sessionContext.sessionIssuer.arn"],
].map((path) => path.split("."));
const objectFields = ["requestParameters", "userIdentity", "sessionContext", "sessionIssuer", "encryptionContext"];
/** Objects that decoys are put in: the record, and the ones fields are read from. */
const objectPaths = [[], ...fieldPaths.filter((path) => objectFields.some((name) => path.at(-1)!.startsWith(name)))];

/** The object at `path`, each key read at its last occurrence (as JSON.parse has it), or undefined. */
function objectAt(root: Entries, path: readonly string[]): Entries | undefined {
  let at: unknown = root;
  for (const key of path) at = at instanceof Entries ? at.list.findLast(([k]) => k === key)?.[1] : undefined;
  return at instanceof Entries ? at : undefined;
}

type Tally = Record<string, number>;
const count = (tally: Tally, what: string) => void (tally[what] = (tally[what] ?? 0) + 1);

/** One change: a field repeated after (the repeat counts) or before it (the field counts), replaced, removed; or a decoy. */
function mutate(record: Entries, rng: Rng, tally: Tally): void {
  const op = pick(rng, ["repeat after", "repeat before", "replace", "remove", "decoy"]);
  const path = pick(rng, op === "decoy" ? objectPaths : fieldPaths);
  const [key, parent] =
    op === "decoy" ? ["extra", objectAt(record, path)] : [path.at(-1)!, objectAt(record, path.slice(0, -1))];
  if (!parent) return;
  const value = op === "decoy" ? decoy(rng, 1) : rng() < 0.5 ? plausible[key]!(rng) : pick(rng, oddValues);
  const entry: [string, unknown] = [key, entriesOf(value, rng)];
  count(tally, op);
  if (op === "repeat after") parent.list.push(entry);
  else if (op === "repeat before") parent.list.unshift(entry);
  else if (op === "decoy") parent.list.splice(Math.floor(rng() * (parent.list.length + 1)), 0, entry);
  else {
    parent.list = parent.list.filter(([k]) => k !== key);
    if (op === "replace") parent.list.push(entry);
  }
}

/** A log file's text: generator records with 0–4 changes each, other keys before and after "Records", in a style. */
function logFileText(rng: Rng, records: number, tally: Tally): string {
  const list = Array.from({ length: records }, () => {
    const record = entriesOf(generatorRecord(rng), rng) as Entries;
    for (let changes = Math.floor(rng() * 5); changes > 0; changes--) mutate(record, rng, tally);
    return record;
  });
  const before: [string, unknown][] = [
    ["digest", decoy(rng, 1)],
    ["eventSource", "s3"],
  ];
  const after: [string, unknown][] = [
    ["next", new Raw("1E5")],
    ["meta", decoy(rng, 1)],
  ];
  const file = new Entries([...(rng() < 0.5 ? before : []), ["Records", list], ...(rng() < 0.5 ? after : [])]);
  const style = pick(rng, ["compact", "escaped", "spacey", "pretty"] as const);
  count(tally, style);
  if (style === "pretty") return JSON.stringify(JSON.parse(write(file, rng, compact)), null, 2);
  return write(file, rng, { compact, escaped, spacey }[style]);
}

type Json = Record<string, unknown>;
const recordsOf = (text: string) => (JSON.parse(text) as { Records: Json[] }).Records;

/** 100 files of 20 records, each with its records as JSON.parse reads them. */
const generated = (() => {
  const [rng, tally] = [seededRng("record-scanner"), {} as Tally];
  const files = Array.from({ length: 100 }, () => logFileText(rng, 20, tally));
  return { files: files.map((text) => ({ text, records: recordsOf(text) })), tally };
})();
const fieldNames = Object.keys(fieldsOfRecord({})) as (keyof RecordFields)[];
/** The fields set, in one order: the scanner leaves unset ones out, fieldsOfRecord writes them as undefined. */
const present = (f: RecordFields) =>
  Object.fromEntries(fieldNames.flatMap((k) => (f[k] === undefined ? [] : [[k, f[k]]])));
/** deepEqual for JSON values, compared as text first: deepEqual, slow, runs only to show a difference. */
function sameJson(actual: unknown, expected: unknown, message: string): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) assert.deepEqual(actual, expected, message);
}

test("each scanned record's fields are fieldsOfRecord's of the parsed record, and start–end slice the record", (t) => {
  const [outcomes, defined, unset] = [{} as Tally, {} as Tally, {} as Tally];
  for (const [n, { text, records }] of generated.files.entries()) {
    let i = 0;
    scanLogFile(text, (fields, start, end) => {
      assert.ok(i < records.length, `file ${n}: more records scanned than parsed`);
      const expected = fieldsOfRecord(records[i]!);
      sameJson(present(fields), present(expected), `file ${n}, record ${i}: ${text.slice(start, end)}`);
      sameJson(JSON.parse(text.slice(start, end)), records[i], `file ${n}, record ${i}'s slice`);
      const parsed = parseRecordFields(expected);
      count(outcomes, parsed.kind === "fact" ? parsed.fact.level : parsed.reason);
      for (const [field, value] of Object.entries(expected)) count(value ? defined : unset, field);
      i++;
    });
    assert.equal(i, records.length, `file ${n}: records scanned`);
  }
  // The generated records reach every outcome, and every field both set and unset.
  for (const outcome of ["object", "bucket", "not-kms", "other-operation", "failed-call", "no-s3-context", "malformed"])
    assert.ok((outcomes[outcome] ?? 0) >= 10, `${outcome}: ${outcomes[outcome]}`);
  for (const field of fieldNames)
    assert.ok((defined[field] ?? 0) >= 30 && (unset[field] ?? 0) >= 30, `${field}: ${defined[field]}/${unset[field]}`);
  t.diagnostic(`outcomes ${JSON.stringify(outcomes)}; changes and styles ${JSON.stringify(generated.tally)}`);
});

const reference = (records: readonly unknown[]) => ({
  usage: aggregateRecords(records),
  bucketEvents: bucketEventsOf(records),
});

test("parseLogFile's scanned result equals the JSON.parse path's, S3 bucket events included", () => {
  const rng = seededRng("record-scanner: unchanged generator files");
  const unchanged = Array.from({ length: 10 }, () =>
    logFileBody(Array.from({ length: 50 }, () => generatorRecord(rng))),
  );
  const files = [
    ...generated.files.map(({ text, records }) => ({ text, records, body: gzipSync(text, { level: 1 }) })),
    ...unchanged.map((body) => {
      const text = gunzipSync(body).toString("utf8");
      return { text, records: recordsOf(text), body: new Uint8Array(body) };
    }),
  ];
  let [facts, bucketEvents] = [0, 0];
  for (const [n, { text, records, body }] of files.entries()) {
    assert.doesNotThrow(() => scanLogFile(text, () => {}), `file ${n} takes the scanner's path`);
    const result = parseLogFile(body);
    assert.deepEqual(result, reference(records), `file ${n}`);
    [facts, bucketEvents] = [facts + result.usage.events, bucketEvents + result.bucketEvents.length];
  }
  assert.ok(facts >= 500, `usage facts: ${facts}`);
  assert.ok(bucketEvents >= 50, `bucket events: ${bucketEvents}`);
});

// Two S3 KMS calls and a bucket change; the first call's object key has \u00fc, \" and ends in \\.
const sampleRng = seededRng("record-scanner: samples");
const time = new Date("2026-03-02T14:37:12Z");
const sampleRecords = ['ü/q"uote\\', undefined].map((objectKey, n) =>
  s3KmsRecord(
    {
      time,
      region: "eu-west-1",
      account,
      bucket: "orders",
      objectKey,
      operation: "Decrypt",
      keyArn: keyArns[n]!,
      principal: principals[n]!,
    },
    sampleRng,
  ),
);
const bucketChange = s3BucketChangeRecord(
  { time, region: "eu-west-1", account, bucket: "media", event: "PutBucketEncryption", principal: principals[2]! },
  sampleRng,
);
const [first, second, third] = [...sampleRecords, bucketChange].map((r) => JSON.stringify(r).replace("ü", "\\u00fc"));
const sampleText = `{"Records":[${first},${second},${third}]}`;

/** The fields the scanner reads from a file of this one record. */
function scannedFields(record: string): RecordFields {
  const all: RecordFields[] = [];
  scanLogFile(`{"Records":[${record}]}`, (fields) => all.push(fields));
  assert.equal(all.length, 1);
  return all[0]!;
}

test("a repeated key counts at its last occurrence, as JSON.parse reads it", () => {
  const inner = first!.slice(1, -1); // an object-level Decrypt, its key in resources, an assumed role's session
  const kms = (id: string) => JSON.stringify(kmsArn(id));
  const cases: [string, string, Partial<RecordFields>][] = [
    ['errorCode "X", then null', `{${inner},"errorCode":"X","errorCode":null}`, { errorCode: undefined }],
    ['errorCode null, then "X"', `{"errorCode":null,${inner},"errorCode":"X"}`, { errorCode: "X" }],
    ["requestParameters, then null", `{${inner},"requestParameters":null}`, { hasParams: false, s3Arn: undefined }],
    ["requestParameters null, then the object", `{"requestParameters":null,${inner}}`, { hasParams: true }],
    [
      "requestParameters, then one without a context",
      `{${inner},"requestParameters":{"keyId":"alias/x"}}`,
      { hasParams: true, s3Arn: undefined, keyId: "alias/x" },
    ],
    [
      "userIdentity twice",
      `{${inner},"userIdentity":{"type":"AWSService","invokedBy":"s3.amazonaws.com"}}`,
      { identityType: "AWSService", identityArn: undefined, principalId: undefined, issuerArn: undefined },
    ],
    [
      "sessionIssuer an object, then a string",
      `{${inner},"userIdentity":{"type":"AssumedRole","sessionContext":{"sessionIssuer":{"arn":"r"},"sessionIssuer":"r"}}}`,
      { identityType: "AssumedRole", issuerArn: undefined },
    ],
    [
      "resources: non-objects, then two KMS keys (the first counts)",
      `{${inner},"resources":[null,${kms("s")},{"ARN":5},[{"ARN":${kms("a")}}],{"ARN":${kms("b")}},{"ARN":${kms("c")}}]}`,
      { resourceKeyArn: kmsArn("b") },
    ],
    [
      "an ARN repeated in a resource (the last counts)",
      `{${inner},"resources":[{"ARN":${kms("a")},"ARN":"arn:aws:s3:::x"},{"ARN":"","ARN":${kms("b")}}]}`,
      { resourceKeyArn: kmsArn("b") },
    ],
    ["resources, then an object", `{${inner},"resources":{"ARN":${kms("o")}}}`, { resourceKeyArn: undefined }],
  ];
  for (const [label, record, expected] of cases) {
    const fields = scannedFields(record);
    sameJson(present(fields), present(fieldsOfRecord(JSON.parse(record) as Json)), label);
    for (const [field, value] of Object.entries(expected))
      assert.equal(fields[field as keyof RecordFields], value, `${label}: ${field}`);
  }
});

test("valid JSON the scanner does not take falls back to JSON.parse, with the same result", () => {
  const refused: [string, string][] = [
    ["a record key written with an escape", sampleText.replace('"eventSource"', '"event\\u0053ource"')],
    ["a file key written with an escape", sampleText.replace('"Records"', '"Rec\\u006frds"')],
    ["a Records element that is a number", `{"Records":[${first},7,${second}]}`],
    ["a Records element that is a string", `{"Records":[${first},"x",${second}]}`],
    ["a Records element that is null", `{"Records":[${first},null,${second}]}`],
    ["a Records element that is an array", `{"Records":[${first},[${second}],${third}]}`],
    ['"Records" twice (the last counts)', `{"Records":[${third}],"Records":[${first},${second}]}`],
  ];
  for (const [label, text] of refused) {
    assert.throws(() => scanLogFile(text, () => {}), ScanFailed, label);
    const expected = reference(recordsOf(text));
    assert.ok(expected.usage.events > 0, `${label}: the file has usage to count`);
    assert.deepEqual(parseLogFile(gzipSync(text)), expected, label);
  }
});

/** parseLogFile throws MalformedLogFile, its message starting with `start`. */
const refusedAs = (body: Uint8Array, start: string, label: string) =>
  assert.throws(
    () => parseLogFile(body),
    (err: unknown) => {
      assert.ok(err instanceof MalformedLogFile, `${label}: ${String(err)}`);
      assert.ok(err.message.startsWith(start), `${label}: ${err.message}`);
      return true;
    },
  );

test("a truncated gzip file is refused as not a complete gzip file", () => {
  const body = gzipSync(sampleText);
  for (const cut of [10, Math.floor(body.length / 2), body.length - 4])
    refusedAs(body.subarray(0, cut), "not a complete gzip file", `cut at byte ${cut}`);
});

test("text cut anywhere is refused as not valid JSON", () => {
  const cuts: [string, number][] = [
    ["inside a string", sampleText.indexOf("kms.amazonaws.com") + 3],
    ["inside a key", sampleText.indexOf('"eventName"') + 4],
    ["right after a backslash", sampleText.indexOf("\\u00fc") + 1],
    ["inside a \\u escape", sampleText.indexOf("\\u00fc") + 4],
    ["right after an escaped quote", sampleText.indexOf('\\"') + 2],
    ["between an escaped backslash's two characters", sampleText.indexOf("\\\\") + 1],
    ["after an escaped backslash, before the closing quote", sampleText.indexOf("\\\\") + 2],
    ["inside true", sampleText.indexOf("true") + 2],
    ["after a whole record", first!.length + '{"Records":['.length],
    ["before the closing ]}", sampleText.length - 2],
  ];
  for (const [label, cut] of cuts) {
    assert.ok(cut > '{"Records":['.length && cut < sampleText.length, `${label}: cut at ${cut}`);
    refusedAs(gzipSync(sampleText.slice(0, cut)), "not valid JSON", label);
  }
  // Every cut in the first record (the one with escapes): the scanner refuses it, never reading it another way.
  for (let cut = 0; cut < '{"Records":['.length + first!.length; cut++) {
    assert.throws(() => scanLogFile(sampleText.slice(0, cut), () => {}), ScanFailed, `cut at ${cut}`);
  }
});

test('a file without one "Records" array is refused as not a CloudTrail log file', () => {
  for (const text of ['{"Records":{}}', "{}", "[]", `{"Records":[${first}],"Records":"x"}`, `{"Records":7}`])
    refusedAs(gzipSync(text), 'no "Records" array', text.slice(0, 40));
});

test("text after the log file's object, or a bad escape in a field, is refused as not valid JSON", () => {
  for (const garbage of ["x", "}", "]", ",", " {}", '"Records"', "\n[]"])
    refusedAs(gzipSync(sampleText + garbage), "not valid JSON", `followed by ${JSON.stringify(garbage)}`);
  for (const escape of ["\\q", "\\u00g1", "\\x41"]) {
    const text = sampleText.replace("kms.amazonaws.com", `kms${escape}`);
    assert.throws(() => scanLogFile(text, () => {}), ScanFailed, escape);
    refusedAs(gzipSync(text), "not valid JSON", `an event source with ${escape}`);
  }
});
