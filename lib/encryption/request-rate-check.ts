import type { PreflightCheck } from "@/lib/contracts/encryption";
import type { KeyHeadroom } from "@/lib/contracts/usage";
import { formatRate, formatRateFigure, formatShare } from "@/lib/contracts/kms-quotas";
import type { PreflightFacts } from "./preflight-facts";

// The wizard's request-rate check (pure): with usage data, the bucket's own busiest minute and
// its key's share of the region's shared KMS quota, today and with a Bucket Key; without data,
// what a configuration without a Bucket Key means for the quota.

const title = "KMS request rate";
/** Above this share of the quota a burst (or another caller) can throttle: worth a warning. */
const warnShare = 0.5;

const minuteLabel = (iso: string | null) => (iso ? ` (${iso.slice(0, 16).replace("T", " ")} UTC)` : "");

/** `bucketKey`: whether a Bucket Key can apply (not with DSSE-KMS), so the projection means something. */
function keyLine(k: KeyHeadroom, bucketKey: boolean): string {
  const quota = `${k.quotaPerSecond.toLocaleString("en-US")}/s ${k.quotaSource === "settings" ? "(set in Settings)" : "(KMS developer guide)"}`;
  const projected = bucketKey
    ? ` With Bucket Keys on the buckets using it, about ${formatRate(k.projectedPeakPerSecond)} (${formatShare(k.projectedShare)}).`
    : "";
  const key = k.alias ? `${k.alias} (${k.keyArn})` : k.keyArn;
  return (
    `Its key ${key} in ${k.region}: busiest minute ${formatRate(k.peakPerSecond)} across all ` +
    `buckets${minuteLabel(k.peakAt)}, ${formatShare(k.share)} of the region's shared quota of ${quota} for ` +
    `symmetric KMS operations — which other callers of KMS share too.${projected}`
  );
}

export function checkRequestRate(f: PreflightFacts): PreflightCheck {
  if (f.proposed.type === "SSE-S3")
    return { id: "request-rate", status: "pass", title, message: "SSE-S3 makes no KMS requests." };
  const perObject = f.proposed.type === "DSSE-KMS" || !f.proposed.bucketKeyEnabled;
  const usage = f.usage;
  if (!usage || usage.headroom.length === 0) {
    return perObject
      ? {
          id: "request-rate",
          status: "warn",
          title,
          message:
            "Without a Bucket Key every object upload and download is a KMS request, counted against the KMS " +
            "request-rate quota of the key's region and billed per request. No usage data for this bucket yet: " +
            "ingest CloudTrail on the Reports page to see its figures.",
        }
      : {
          id: "request-rate",
          status: "pass",
          title,
          message:
            "With a Bucket Key, S3 calls KMS about once per requester, key and kind of call per refresh window, not per object.",
        };
  }
  const busiest = usage.headroom[0]!;
  const bucketLine =
    `This bucket's busiest minute made ${formatRateFigure(usage.peakObjectRequestsPerSecond)} ` +
    `object-level KMS requests a second${minuteLabel(usage.peakAt)}.`;
  const share = perObject ? busiest.share : busiest.projectedShare;
  const lines = [bucketLine, ...usage.headroom.map((k) => keyLine(k, f.proposed.type === "SSE-KMS"))];
  if (share >= warnShare)
    lines.push(
      perObject
        ? "That is close to the quota: a Bucket Key would take most of these calls off it."
        : "Even with a Bucket Key the key's calls stay close to the quota: ask for a raise in Service Quotas.",
    );
  return { id: "request-rate", status: share >= warnShare ? "warn" : "pass", title, message: lines.join(" ") };
}
