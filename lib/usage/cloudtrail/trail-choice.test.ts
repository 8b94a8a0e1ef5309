import { test } from "node:test";
import assert from "node:assert/strict";
import { chooseTrails, leaveCountedRegions, readingLabel, trailSource, type TrailReading } from "./trail-choice";
import type { TrailFacts } from "./trail-coverage";
import type { TrailLocation } from "./log-files";

const arn = (name: string, region = "us-east-1") => `arn:aws:cloudtrail:${region}:123456789012:trail/${name}`;
const facts = (name: string, patch: Partial<TrailFacts> = {}): TrailFacts => ({
  arn: arn(name, patch.homeRegion),
  name,
  homeRegion: "us-east-1",
  multiRegion: true,
  organization: false,
  logging: true,
  selectors: { basic: [{ ReadWriteType: "All", IncludeManagementEvents: true }], advanced: null },
  ...patch,
});
const location = (t: TrailFacts, bucket = `${t.name}-logs`): TrailLocation => ({
  trail: t.name,
  trailIds: [t.arn],
  bucket,
  prefix: "",
});
/** Each trail delivering to its own bucket, chosen. */
const choose = (...trails: TrailFacts[]) => chooseTrails(trails.map((t) => trailSource(location(t), trails)));
const files = (...regions: string[]) => regions.map((region, i) => ({ key: `f${i}`, etag: "e", region }));
/** What each reading keeps of files in these regions, and what it leaves to whom. */
const outcome = (readings: TrailReading[], regions: string[]) =>
  readings.map((r) => {
    const { files: kept, left } = leaveCountedRegions(files(...regions), r);
    return { trail: r.name, reads: kept.map((f) => f.region), left: Object.fromEntries(left) };
  });

test("two multi-region trails: the first by name counts every region, the second nothing", () => {
  const readings = choose(facts("security-trail"), facts("ops-trail"));
  assert.deepEqual(outcome(readings, ["us-east-1", "eu-west-1"]), [
    { trail: "ops-trail", reads: ["us-east-1", "eu-west-1"], left: {} },
    { trail: "security-trail", reads: [], left: { "ops-trail": ["eu-west-1", "us-east-1"] } },
  ]);
  const { left } = leaveCountedRegions(files("us-east-1", "eu-west-1"), readings[1]!);
  assert.equal(
    readingLabel(readings[1]!, left, true),
    "security-trail → s3://security-trail-logs (eu-west-1, us-east-1 counted from ops-trail)",
  );
  // The one-trail case keeps its plain label.
  assert.equal(readingLabel(readings[0]!, new Map(), true), "ops-trail → s3://ops-trail-logs");
});

test("an organization trail comes before an account's multi-region trail, whatever the names", () => {
  const readings = choose(facts("a-account-trail"), facts("z-org-trail", { organization: true }));
  assert.deepEqual(outcome(readings, ["us-east-1"]), [
    { trail: "z-org-trail", reads: ["us-east-1"], left: {} },
    { trail: "a-account-trail", reads: [], left: { "z-org-trail": ["us-east-1"] } },
  ]);
});

test("a single-region trail in us-east-1 beside a multi-region trail counts nothing", () => {
  const readings = choose(facts("a-regional", { multiRegion: false }), facts("b-everywhere"));
  assert.deepEqual(outcome(readings, ["us-east-1"]), [
    { trail: "b-everywhere", reads: ["us-east-1"], left: {} },
    { trail: "a-regional", reads: [], left: { "b-everywhere": ["us-east-1"] } },
  ]);
});

test("two single-region trails of one name in different regions each count their own region (joined by ARN)", () => {
  const east = facts("regional", { multiRegion: false });
  const west = facts("regional", { multiRegion: false, homeRegion: "eu-west-1" });
  const readings = chooseTrails([
    trailSource(location(east, "east-logs"), [east, west]),
    trailSource(location(west, "west-logs"), [east, west]),
  ]);
  assert.deepEqual(
    readings.map((r) => [r.location.bucket, r.coverage]),
    [
      ["east-logs", ["us-east-1"]],
      ["west-logs", ["eu-west-1"]],
    ],
  );
  // Each trail's bucket holds its own region's files only: both are read.
  assert.deepEqual(leaveCountedRegions(files("us-east-1"), readings[0]!).files.length, 1);
  assert.deepEqual(leaveCountedRegions(files("eu-west-1"), readings[1]!).files.length, 1);
});

test("a write-only trail beside a healthy one counts nothing but is still read in full; the healthy one counts all", () => {
  const writeOnly = facts("a-write-only", {
    selectors: { basic: [{ ReadWriteType: "WriteOnly", IncludeManagementEvents: true }], advanced: null },
  });
  const readings = choose(writeOnly, facts("b-healthy"));
  assert.deepEqual(outcome(readings, ["us-east-1", "eu-west-1"]), [
    { trail: "b-healthy", reads: ["us-east-1", "eu-west-1"], left: {} },
    { trail: "a-write-only", reads: ["us-east-1", "eu-west-1"], left: {} },
  ]);
  assert.equal(readings[1]!.readInFull, "no-kms-events");
  assert.equal(
    readingLabel(readings[1]!, new Map(), true),
    "a-write-only → s3://a-write-only-logs (records no S3 KMS calls: read for bucket changes)",
  );
});

test("unreadable selectors: the trail is read in full and the label says it may count twice", () => {
  const unreadable = facts("a-unreadable", { selectors: { error: "AccessDenied" } });
  const readings = choose(unreadable, facts("b-healthy"));
  assert.deepEqual(outcome(readings, ["us-east-1"]), [
    { trail: "b-healthy", reads: ["us-east-1"], left: {} },
    { trail: "a-unreadable", reads: ["us-east-1"], left: {} },
  ]);
  assert.match(readingLabel(readings[1]!, new Map(), true), /event selectors unreadable: read in full, .*count twice/);
  // Alone, it is simply the source.
  assert.equal(readingLabel(choose(unreadable)[0]!, new Map(), false), "a-unreadable → s3://a-unreadable-logs");
});

test("a stopped trail does not hide a logging one; both trails of one bucket make up its coverage", () => {
  const stopped = facts("a-stopped", { organization: true, logging: false });
  assert.deepEqual(
    choose(stopped, facts("b-live")).map((r) => [r.name, r.countedElsewhere.map((c) => c.trail)]),
    [
      ["b-live", []],
      ["a-stopped", ["b-live"]],
    ],
  );
  const east = facts("east", { multiRegion: false });
  const west = facts("west", { multiRegion: false, homeRegion: "eu-west-1" });
  const shared = trailSource({ trail: "east", trailIds: [east.arn, west.arn], bucket: "shared", prefix: "" }, [
    east,
    west,
  ]);
  assert.deepEqual(shared.coverage, ["eu-west-1", "us-east-1"]);
});
