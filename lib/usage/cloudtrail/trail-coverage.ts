// Whether a trail records the KMS calls S3 makes (pure). GenerateDataKey and Decrypt are
// read-only management events of kms.amazonaws.com, so a trail misses them when its event
// selectors turn management events off, record write-only events, exclude the KMS event source
// (ExcludeManagementEventSources, or an advanced selector's eventSource NotEquals), or when it
// is not logging; a single-region trail misses the other regions' calls. Usage read from such a
// trail is silently low, so each gap becomes a warning with the command that closes it. The same
// analysis says which regions' calls a trail holds (kmsCoverage), so that trail-choice.ts can count
// each region from one trail only.
//
// Selector semantics from the CloudTrail API reference: EventSelector.IncludeManagementEvents and
// ReadWriteType default to true and All; advanced selectors match an event when every field
// selector does, and a trail records what any selector matches.
import type { TrailWarning } from "@/lib/contracts/usage";

type EventSelector = {
  ReadWriteType?: string;
  IncludeManagementEvents?: boolean;
  ExcludeManagementEventSources?: string[];
  DataResources?: unknown[];
};

type FieldSelector = {
  Field?: string;
  Equals?: string[];
  NotEquals?: string[];
  StartsWith?: string[];
  NotStartsWith?: string[];
  EndsWith?: string[];
  NotEndsWith?: string[];
};

type AdvancedEventSelector = { Name?: string; FieldSelectors?: FieldSelector[] };

export type TrailFacts = {
  /** The trail's ARN: names are unique per region only, so two trails can share one. */
  arn: string;
  name: string;
  homeRegion: string;
  multiRegion: boolean;
  organization: boolean;
  /** null when GetTrailStatus could not be read. */
  logging: boolean | null;
  selectors:
    { basic: EventSelector[]; advanced: null } | { basic: null; advanced: AdvancedEventSelector[] } | { error: string };
};

const kms = "kms.amazonaws.com";
/** What S3's KMS calls look like to a selector: both are read-only management events. */
const s3KmsEvents = ["GenerateDataKey", "Decrypt"].map((eventName) => ({
  eventCategory: "Management",
  eventSource: kms,
  eventName,
  readOnly: "true",
}));

/** Single-quoted for a POSIX shell: the JSON goes to the CLI as written. */
const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

const includesManagement = (s: EventSelector) => s.IncludeManagementEvents !== false;
const excludesKms = (s: EventSelector) => (s.ExcludeManagementEventSources ?? []).includes(kms);
const recordsReads = (s: EventSelector) => (s.ReadWriteType ?? "All") !== "WriteOnly";

/** The basic selectors with the first management selector recording reads and KMS (or one added). */
function fixedBasicSelectors(selectors: EventSelector[]): EventSelector[] {
  const target = selectors.findIndex(includesManagement);
  if (target < 0) return [...selectors, { ReadWriteType: "All", IncludeManagementEvents: true }];
  return selectors.map((s, i) => {
    if (i !== target) return s;
    const { ExcludeManagementEventSources: excluded = [], ...rest } = s;
    const kept = excluded.filter((e) => e !== kms);
    return { ...rest, ReadWriteType: "All", ...(kept.length ? { ExcludeManagementEventSources: kept } : {}) };
  });
}

function fieldMatches(f: FieldSelector, event: Record<string, string>): boolean {
  const value = f.Field === undefined ? undefined : event[f.Field];
  // A field management events do not have (resources.type, resources.ARN): a data-event selector.
  if (value === undefined) return false;
  return (
    (!f.Equals || f.Equals.includes(value)) &&
    (!f.NotEquals || !f.NotEquals.includes(value)) &&
    (!f.StartsWith || f.StartsWith.some((p) => value.startsWith(p))) &&
    (!f.NotStartsWith || !f.NotStartsWith.some((p) => value.startsWith(p))) &&
    (!f.EndsWith || f.EndsWith.some((p) => value.endsWith(p))) &&
    (!f.NotEndsWith || !f.NotEndsWith.some((p) => value.endsWith(p)))
  );
}

const selectorMatches = (s: AdvancedEventSelector, event: Record<string, string>) =>
  (s.FieldSelectors ?? []).length > 0 && (s.FieldSelectors ?? []).every((f) => fieldMatches(f, event));

const isManagementSelector = (s: AdvancedEventSelector) =>
  (s.FieldSelectors ?? []).some((f) => f.Field === "eventCategory" && f.Equals?.includes("Management"));

/** Advanced selectors with the management ones no longer filtering out KMS or reads (or one added). */
function fixedAdvancedSelectors(selectors: AdvancedEventSelector[]): AdvancedEventSelector[] {
  if (!selectors.some(isManagementSelector))
    return [
      ...selectors,
      { Name: "Management events", FieldSelectors: [{ Field: "eventCategory", Equals: ["Management"] }] },
    ];
  return selectors.map((s) =>
    isManagementSelector(s)
      ? {
          ...s,
          FieldSelectors: (s.FieldSelectors ?? []).filter((f) => f.Field !== "eventSource" && f.Field !== "readOnly"),
        }
      : s,
  );
}

type SelectorGap =
  | "selectors-unreadable"
  | "advanced-selectors-exclude-kms"
  | "management-events-off"
  | "kms-events-excluded"
  | "write-only";

/** Why the trail's selectors leave out S3's KMS calls, or null when they record them. */
function selectorGap(selectors: TrailFacts["selectors"]): SelectorGap | null {
  if ("error" in selectors) return "selectors-unreadable";
  if (selectors.advanced) {
    const advanced = selectors.advanced;
    return s3KmsEvents.every((e) => advanced.some((s) => selectorMatches(s, e)))
      ? null
      : "advanced-selectors-exclude-kms";
  }
  const management = selectors.basic.filter(includesManagement);
  if (management.some((s) => recordsReads(s) && !excludesKms(s))) return null;
  if (management.length === 0) return "management-events-off";
  return management.every(excludesKms) ? "kms-events-excluded" : "write-only";
}

function selectorWarning(t: TrailFacts, orgNote: string): TrailWarning | null {
  const gap = selectorGap(t.selectors);
  if (gap === null) return null;
  const warning = (message: string, command: string | null): TrailWarning => ({
    trail: t.name,
    code: gap,
    message,
    command,
  });
  if ("error" in t.selectors)
    return warning(
      `The event selectors of trail ${t.name} could not be read (${t.selectors.error}), so the console cannot tell ` +
        `whether it records S3's KMS calls. Allow cloudtrail:GetEventSelectors to check.`,
      null,
    );
  const base = `aws cloudtrail put-event-selectors --trail-name ${shellQuote(t.name)} --region ${t.homeRegion}`;
  if (t.selectors.advanced)
    return warning(
      `Trail ${t.name}'s advanced event selectors leave out KMS's read-only management events (GenerateDataKey, ` +
        `Decrypt): S3's KMS calls, and their cost, do not reach its log files, so usage from it reads low or ` +
        `zero. Record management events without an eventSource NotEquals kms.amazonaws.com or readOnly = false ` +
        `filter.${orgNote}`,
      `${base} --advanced-event-selectors ${shellQuote(JSON.stringify(fixedAdvancedSelectors(t.selectors.advanced)))}`,
    );
  const missed =
    "S3's KMS calls (GenerateDataKey, Decrypt), and their cost, do not reach its log files, so usage from it reads low or zero.";
  const detail =
    gap === "management-events-off"
      ? `records no management events (IncludeManagementEvents is false): ${missed} Turn management events on, read and write.`
      : gap === "kms-events-excluded"
        ? `excludes kms.amazonaws.com from its management events (ExcludeManagementEventSources): ${missed} Remove it from the excluded sources.`
        : `records write-only management events (ReadWriteType WriteOnly), and GenerateDataKey and Decrypt are ` +
          `read-only events: ${missed} Record read and write events (ReadWriteType All).`;
  return warning(
    `Trail ${t.name} ${detail}${orgNote}`,
    `${base} --event-selectors ${shellQuote(JSON.stringify(fixedBasicSelectors(t.selectors.basic)))}`,
  );
}

/**
 * The regions whose S3 KMS calls the trail's log files hold: "all" (a multi-region trail), its
 * home region (a single-region one), none (selectors that leave them out) or "unknown" (selectors
 * that could not be read). A trail that stopped logging still holds its older files: it counts.
 */
export type KmsCoverage = "all" | "unknown" | readonly string[];

export function kmsCoverage(t: TrailFacts): KmsCoverage {
  const gap = selectorGap(t.selectors);
  if (gap === "selectors-unreadable") return "unknown";
  if (gap !== null) return [];
  return t.multiRegion ? "all" : [t.homeRegion];
}

/** What the trail misses of S3's KMS calls; `bucketRegions`: where the account's buckets are. */
export function trailWarnings(t: TrailFacts, bucketRegions: readonly string[]): TrailWarning[] {
  const orgNote = t.organization
    ? " It is an organization trail: change it from the organization's management account."
    : "";
  const warnings: TrailWarning[] = [];
  if (t.logging === false)
    warnings.push({
      trail: t.name,
      code: "not-logging",
      message: `Trail ${t.name} is not logging: no calls since it stopped are in its log files, so recent usage reads as zero.`,
      command: `aws cloudtrail start-logging --name ${shellQuote(t.name)} --region ${t.homeRegion}`,
    });
  const selectors = selectorWarning(t, orgNote);
  if (selectors) warnings.push(selectors);
  const elsewhere = [...new Set(bucketRegions)].filter((r) => r !== t.homeRegion).sort();
  if (!t.multiRegion && elsewhere.length > 0)
    warnings.push({
      trail: t.name,
      code: "single-region",
      message:
        `Trail ${t.name} records ${t.homeRegion} only: S3's KMS calls for buckets in ${elsewhere.join(", ")} ` +
        `are not in it. Make it a multi-region trail (or read another trail that covers those regions).${orgNote}`,
      command: `aws cloudtrail update-trail --name ${shellQuote(t.name)} --is-multi-region-trail --region ${t.homeRegion}`,
    });
  return warnings;
}
