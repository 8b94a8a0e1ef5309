// Which trail counts the S3 KMS calls of each region (pure). Large organisations often run two
// trails that record the same management events into different buckets (an organization trail
// beside an account trail, or one multi-region trail for security and one for operations):
// reading both would count every GenerateDataKey and Decrypt twice, and with them the cost and
// the saving. So the trails are ranked, the one covering most first, and each counts only the
// regions no earlier trail counts; the files of the other regions are left unread (no receipt:
// if the counting trail goes away, a later run reads them from this one).
//
// Ranking: logging trails before stopped ones (a stopped trail's files end when it stopped, so
// it must not hide a live trail's recent calls), then multi-region before single-region, then the
// organization trail, then by name for a stable choice. A trail whose selectors could not be read
// is read in full (it may double-count), and so is a trail recording no KMS calls: its files still
// carry the S3 bucket changes the inventory follows (de-duplicated by eventID downstream).
import type { TrailLocation } from "./log-files";
import { kmsCoverage, type KmsCoverage, type TrailFacts } from "./trail-coverage";

type TrailSource = {
  location: TrailLocation;
  name: string;
  organization: boolean;
  logging: boolean | null;
  coverage: KmsCoverage;
};

/** Regions an earlier trail counts: every region, or the ones listed. */
type Counted = { trail: string; regions: "all" | readonly string[] };

export type TrailReading = TrailSource & {
  /** What earlier trails count, first match wins; empty: every file of this trail is read. */
  countedElsewhere: readonly Counted[];
  /** Why the trail is read in full whatever the others count, or null. */
  readInFull: "coverage-unknown" | "no-kms-events" | null;
};

/**
 * What the files under one bucket/prefix hold, from every trail delivering there: the union of
 * their coverage (unknown as soon as one trail's is unknown, unless another records every region).
 */
export function trailSource(location: TrailLocation, facts: readonly TrailFacts[]): TrailSource {
  const own = location.trailIds.map((id) => facts.find((f) => f.arn === id));
  const coverages = own.map((f) => (f ? kmsCoverage(f) : "unknown"));
  const coverage: KmsCoverage = coverages.includes("all")
    ? "all"
    : coverages.includes("unknown")
      ? "unknown"
      : [...new Set(coverages.flatMap((c) => (typeof c === "string" ? [] : c)))].sort();
  const logging = own.map((f) => f?.logging ?? null);
  return {
    location,
    name: location.trail,
    organization: own.some((f) => f?.organization),
    logging: logging.includes(true) ? true : logging.includes(null) ? null : false,
    coverage,
  };
}

const breadth = (c: KmsCoverage) => (c === "all" ? 0 : c !== "unknown" && c.length > 0 ? 1 : 2);
const rank = (s: TrailSource) => [s.logging === false ? 1 : 0, breadth(s.coverage), s.organization ? 0 : 1];

function compareSources(a: TrailSource, b: TrailSource): number {
  const [ra, rb] = [rank(a), rank(b)];
  const i = ra.findIndex((v, k) => v !== rb[k]);
  if (i >= 0) return ra[i]! - rb[i]!;
  const [ka, kb] = [
    `${a.name}\n${a.location.bucket}/${a.location.prefix}`,
    `${b.name}\n${b.location.bucket}/${b.location.prefix}`,
  ];
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** The trails in reading order, each with the regions it leaves to earlier ones. */
export function chooseTrails(sources: readonly TrailSource[]): TrailReading[] {
  const counted: Counted[] = [];
  return [...sources].sort(compareSources).map((s): TrailReading => {
    if (s.coverage === "unknown") return { ...s, countedElsewhere: [], readInFull: "coverage-unknown" };
    if (s.coverage !== "all" && s.coverage.length === 0)
      return { ...s, countedElsewhere: [], readInFull: "no-kms-events" };
    const reading: TrailReading = { ...s, countedElsewhere: [...counted], readInFull: null };
    if (s.coverage === "all") counted.push({ trail: s.name, regions: "all" });
    else {
      const fresh = s.coverage.filter((r) => countedFrom(reading, r) === null);
      if (fresh.length > 0) counted.push({ trail: s.name, regions: fresh });
    }
    return reading;
  });
}

/** The earlier trail that counts the region's calls, or null when this trail counts them. */
function countedFrom(reading: TrailReading, region: string): string | null {
  return reading.countedElsewhere.find((c) => c.regions === "all" || c.regions.includes(region))?.trail ?? null;
}

/** The files this trail counts, and the regions it left to others (by trail, regions sorted). */
export function leaveCountedRegions<F extends { region: string }>(
  files: readonly F[],
  reading: TrailReading,
): { files: F[]; left: Map<string, string[]> } {
  const left = new Map<string, Set<string>>();
  const kept = files.filter((f) => {
    const other = countedFrom(reading, f.region);
    if (other !== null) left.set(other, (left.get(other) ?? new Set()).add(f.region));
    return other === null;
  });
  return { files: kept, left: new Map([...left].map(([trail, regions]) => [trail, [...regions].sort()])) };
}

/**
 * What the ingest status says of the trail: "name → s3://bucket/prefix", then what it left to
 * others or why it is read in full. `othersCount`: whether another trail counts KMS calls.
 */
export function readingLabel(reading: TrailReading, left: ReadonlyMap<string, string[]>, othersCount: boolean): string {
  const { bucket, prefix } = reading.location;
  const base = `${reading.name} → s3://${bucket}${prefix ? `/${prefix}` : ""}`;
  if (reading.readInFull === "no-kms-events") return `${base} (records no S3 KMS calls: read for bucket changes)`;
  if (reading.readInFull === "coverage-unknown")
    return othersCount
      ? `${base} (event selectors unreadable: read in full, so calls another trail also records count twice)`
      : base;
  if (left.size === 0) return base;
  const parts = [...left].map(([trail, regions]) => `${regions.join(", ")} counted from ${trail}`);
  return `${base} (${parts.join(" and ")})`;
}
