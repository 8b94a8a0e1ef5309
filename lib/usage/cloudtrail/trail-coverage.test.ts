import { test } from "node:test";
import assert from "node:assert/strict";
import { kmsCoverage, trailWarnings, type TrailFacts } from "./trail-coverage";

const trail = (patch: Partial<TrailFacts> = {}): TrailFacts => ({
  arn: "arn:aws:cloudtrail:us-east-1:123456789012:trail/main-trail",
  name: "main-trail",
  homeRegion: "us-east-1",
  multiRegion: true,
  organization: false,
  logging: true,
  selectors: { basic: [{ ReadWriteType: "All", IncludeManagementEvents: true }], advanced: null },
  ...patch,
});
const basic = (...selectors: NonNullable<Extract<TrailFacts["selectors"], { basic: unknown[] }>["basic"]>) => ({
  selectors: { basic: selectors, advanced: null } as const,
});
const codes = (t: TrailFacts, regions = ["us-east-1"]) => trailWarnings(t, regions).map((w) => w.code);
/** The JSON the command passes, parsed back. */
const commandJson = (command: string | null, flag: string) =>
  JSON.parse(/'(.*)'$/.exec(command!.split(` ${flag} `)[1]!)![1]!.replace(/'\\''/g, "'"));

test("the default trail (management events, read and write, all regions, logging) records S3's KMS calls", () => {
  assert.deepEqual(codes(trail(), ["us-east-1", "eu-west-1"]), []);
  // Defaults: a selector without ReadWriteType / IncludeManagementEvents records both.
  assert.deepEqual(codes(trail(basic({}))), []);
});

test("ExcludeManagementEventSources with kms.amazonaws.com is a blind spot; the fix removes only that source", () => {
  const t = trail(
    basic({
      ReadWriteType: "All",
      IncludeManagementEvents: true,
      ExcludeManagementEventSources: ["kms.amazonaws.com", "rdsdata.amazonaws.com"],
      DataResources: [{ Type: "AWS::S3::Object", Values: ["arn:aws:s3:::logs/"] }],
    }),
  );
  const [w] = trailWarnings(t, ["us-east-1"]);
  assert.equal(w!.code, "kms-events-excluded");
  assert.match(w!.message, /excludes kms.amazonaws.com/);
  assert.match(
    w!.command!,
    /^aws cloudtrail put-event-selectors --trail-name 'main-trail' --region us-east-1 --event-selectors '/,
  );
  assert.deepEqual(commandJson(w!.command, "--event-selectors"), [
    {
      ReadWriteType: "All",
      IncludeManagementEvents: true,
      ExcludeManagementEventSources: ["rdsdata.amazonaws.com"],
      DataResources: [{ Type: "AWS::S3::Object", Values: ["arn:aws:s3:::logs/"] }],
    },
  ]);
});

test("WriteOnly misses GenerateDataKey and Decrypt (read-only events); management events off misses everything", () => {
  const writeOnly = trailWarnings(trail(basic({ ReadWriteType: "WriteOnly", IncludeManagementEvents: true })), [
    "us-east-1",
  ]);
  assert.equal(writeOnly[0]!.code, "write-only");
  assert.deepEqual(commandJson(writeOnly[0]!.command, "--event-selectors"), [
    { ReadWriteType: "All", IncludeManagementEvents: true },
  ]);
  const dataOnly = {
    ReadWriteType: "All",
    IncludeManagementEvents: false,
    DataResources: [{ Type: "AWS::S3::Object" }],
  };
  const off = trailWarnings(trail(basic(dataOnly)), ["us-east-1"]);
  assert.equal(off[0]!.code, "management-events-off");
  // The data-event selector is kept as it was; a management selector is added.
  assert.deepEqual(commandJson(off[0]!.command, "--event-selectors"), [
    dataOnly,
    { ReadWriteType: "All", IncludeManagementEvents: true },
  ]);
  // One selector that records reads without excluding KMS is enough.
  assert.deepEqual(
    codes(
      trail(
        basic(
          { ReadWriteType: "WriteOnly", IncludeManagementEvents: true },
          { ReadWriteType: "ReadOnly", IncludeManagementEvents: true },
        ),
      ),
    ),
    [],
  );
});

test("advanced selectors: eventSource NotEquals kms or readOnly false exclude S3's calls; data selectors do not count", () => {
  const adv = (...selectors: object[]) => trail({ selectors: { basic: null, advanced: selectors } });
  const management = { Field: "eventCategory", Equals: ["Management"] };
  assert.deepEqual(codes(adv({ Name: "all management", FieldSelectors: [management] })), []);
  const noKms = adv({
    Name: "management without KMS",
    FieldSelectors: [management, { Field: "eventSource", NotEquals: ["kms.amazonaws.com"] }],
  });
  const [w] = trailWarnings(noKms, ["us-east-1"]);
  assert.equal(w!.code, "advanced-selectors-exclude-kms");
  assert.deepEqual(commandJson(w!.command, "--advanced-event-selectors"), [
    { Name: "management without KMS", FieldSelectors: [management] },
  ]);
  assert.deepEqual(codes(adv({ FieldSelectors: [management, { Field: "readOnly", Equals: ["false"] }] })), [
    "advanced-selectors-exclude-kms",
  ]);
  const dataOnly = {
    Name: "S3 data events",
    FieldSelectors: [
      { Field: "eventCategory", Equals: ["Data"] },
      { Field: "resources.type", Equals: ["AWS::S3::Object"] },
    ],
  };
  const onlyData = trailWarnings(adv(dataOnly), ["us-east-1"]);
  assert.deepEqual(commandJson(onlyData[0]!.command, "--advanced-event-selectors"), [
    dataOnly,
    { Name: "Management events", FieldSelectors: [management] },
  ]);
});

test("not logging, a single-region trail with buckets elsewhere, an organization trail and unreadable selectors", () => {
  const stopped = trailWarnings(trail({ logging: false }), ["us-east-1"]);
  assert.deepEqual(
    stopped.map((w) => [w.code, w.command]),
    [["not-logging", "aws cloudtrail start-logging --name 'main-trail' --region us-east-1"]],
  );
  const single = trailWarnings(trail({ multiRegion: false, organization: true }), ["us-east-1", "eu-west-1"]);
  assert.equal(single[0]!.code, "single-region");
  assert.match(single[0]!.message, /records us-east-1 only: S3's KMS calls for buckets in eu-west-1 are not in it/);
  assert.match(single[0]!.message, /organization's management account/);
  assert.equal(
    single[0]!.command,
    "aws cloudtrail update-trail --name 'main-trail' --is-multi-region-trail --region us-east-1",
  );
  assert.deepEqual(codes(trail({ multiRegion: false }), ["us-east-1"]), []);
  const unreadable = trailWarnings(trail({ selectors: { error: "AccessDenied" } }), ["us-east-1"]);
  assert.deepEqual(
    unreadable.map((w) => w.code),
    ["selectors-unreadable"],
  );
  // A trail name with a quote survives the shell.
  const quoted = trailWarnings(trail({ name: "ops's trail", logging: false }), ["us-east-1"]);
  assert.equal(quoted[0]!.command, `aws cloudtrail start-logging --name 'ops'\\''s trail' --region us-east-1`);
});

test("coverage: every region, the home region, none when the selectors leave KMS reads out, unknown when unreadable", () => {
  assert.equal(kmsCoverage(trail()), "all");
  assert.deepEqual(kmsCoverage(trail({ multiRegion: false, homeRegion: "eu-west-1" })), ["eu-west-1"]);
  // A trail that stopped logging still holds its older files.
  assert.equal(kmsCoverage(trail({ logging: false })), "all");
  const none = [
    basic({ ReadWriteType: "WriteOnly", IncludeManagementEvents: true }),
    basic({ IncludeManagementEvents: false }),
    basic({ ExcludeManagementEventSources: ["kms.amazonaws.com"] }),
    {
      selectors: {
        basic: null,
        advanced: [
          {
            FieldSelectors: [
              { Field: "eventCategory", Equals: ["Management"] },
              { Field: "eventSource", NotEquals: ["kms.amazonaws.com"] },
            ],
          },
        ],
      },
    },
  ];
  for (const patch of none) assert.deepEqual(kmsCoverage(trail(patch)), [], JSON.stringify(patch));
  assert.equal(kmsCoverage(trail({ selectors: { error: "AccessDenied" } })), "unknown");
});
