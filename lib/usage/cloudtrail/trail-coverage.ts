// Whether a trail records the KMS calls S3 makes (pure). GenerateDataKey and Decrypt are
// read-only management events of kms.amazonaws.com, so a trail misses them when its event
// selectors turn management events off, record write-only events, exclude the KMS event source
// (ExcludeManagementEventSources, or an advanced selector's eventSource NotEquals), or when it
// is not logging; a single-region trail misses the other regions' calls. Usage read from such a
// trail is silently low, so each gap becomes a warning with the command that closes it.
//
// Selector semantics from the CloudTrail API reference: EventSelector.IncludeManagementEvents and
// ReadWriteType default to true and All; advanced selectors match an event when every field
// selector does, and a trail records what any selector matches.
import type { TrailWarning } from "@/lib/contracts/usage";

export type EventSelector = {
  ReadWriteType?: string;
  IncludeManagementEvents?: boolean;
  ExcludeManagementEventSources?: string[];
  DataResources?: unknown[];
};

export type FieldSelector = {
  Field?: string;
  Equals?: string[];
  NotEquals?: string[];
  StartsWith?: string[];
  NotStartsWith?: string[];
  EndsWith?: string[];
  NotEndsWith?: string[];
};

export type AdvancedEventSelector = { Name?: string; FieldSelectors?: FieldSelector[] };

export type TrailFacts = {
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

function selectorWarning(t: TrailFacts, orgNote: string): TrailWarning | null {
  if ("error" in t.selectors)
    return {
      trail: t.name,
      code: "selectors-unreadable",
      message: `The event selectors of trail ${t.name} could not be read (${t.selectors.error}), so the console cannot tell whether it records S3's KMS calls. Allow cloudtrail:GetEventSelectors to check.`,
      command: null,
    };
  const base = `aws cloudtrail put-event-selectors --trail-name ${shellQuote(t.name)} --region ${t.homeRegion}`;
  if (t.selectors.advanced) {
    const advanced = t.selectors.advanced;
    if (s3KmsEvents.every((e) => advanced.some((s) => selectorMatches(s, e)))) return null;
    return {
      trail: t.name,
      code: "advanced-selectors-exclude-kms",
      message: `Trail ${t.name}'s advanced event selectors leave out KMS's read-only management events (GenerateDataKey, Decrypt): S3's KMS calls, and their cost, do not reach its log files, so usage from it reads low or zero. Record management events without an eventSource NotEquals kms.amazonaws.com or readOnly = false filter.${orgNote}`,
      command: `${base} --advanced-event-selectors ${shellQuote(JSON.stringify(fixedAdvancedSelectors(advanced)))}`,
    };
  }
  const basic = t.selectors.basic;
  const management = basic.filter(includesManagement);
  if (management.some((s) => recordsReads(s) && !excludesKms(s))) return null;
  const fix = `${base} --event-selectors ${shellQuote(JSON.stringify(fixedBasicSelectors(basic)))}`;
  const missed =
    "S3's KMS calls (GenerateDataKey, Decrypt), and their cost, do not reach its log files, so usage from it reads low or zero.";
  if (management.length === 0)
    return {
      trail: t.name,
      code: "management-events-off",
      message: `Trail ${t.name} records no management events (IncludeManagementEvents is false): ${missed} Turn management events on, read and write.${orgNote}`,
      command: fix,
    };
  if (management.every(excludesKms))
    return {
      trail: t.name,
      code: "kms-events-excluded",
      message: `Trail ${t.name} excludes kms.amazonaws.com from its management events (ExcludeManagementEventSources): ${missed} Remove it from the excluded sources.${orgNote}`,
      command: fix,
    };
  return {
    trail: t.name,
    code: "write-only",
    message: `Trail ${t.name} records write-only management events (ReadWriteType WriteOnly), and GenerateDataKey and Decrypt are read-only events: ${missed} Record read and write events (ReadWriteType All).${orgNote}`,
    command: fix,
  };
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
      message: `Trail ${t.name} records ${t.homeRegion} only: S3's KMS calls for buckets in ${elsewhere.join(", ")} are not in it. Make it a multi-region trail (or read another trail that covers those regions).${orgNote}`,
      command: `aws cloudtrail update-trail --name ${shellQuote(t.name)} --is-multi-region-trail --region ${t.homeRegion}`,
    });
  return warnings;
}
