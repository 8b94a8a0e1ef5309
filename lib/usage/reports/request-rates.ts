import "server-only";
import type { KeyHeadroom } from "@/lib/contracts/usage";
import { kmsQuota, quotaShare } from "@/lib/contracts/kms-quotas";
import type { PricingSettings } from "@/lib/cost/pricing";
import { countRefreshSlots, type SlotMaskRow } from "@/lib/cost/refresh-slots";
import { minuteCounts, slotRows } from "@/lib/usage/store/slot-queries";
import type { AccountFilter } from "@/lib/usage/store/queries";
import { keyAliases } from "@/lib/inventory/key-aliases";
import type { HourRange } from "./range";

// KMS request-rate headroom: per key and region, the busiest minute's rate in the data (every
// S3 call with the key, object- and bucket-level), against the region's shared quota for
// symmetric cryptographic operations; and the same minute-by-minute with a Bucket Key, where
// the object-level calls become one call per requester, key and kind at the start of each
// refresh-window slot (per role, as the savings headline). Rates are the busiest minute's
// average per second: bursts within a minute can be higher, which is why the share is shown.

type PerMinute = Map<number, number>;
const add = (m: PerMinute, minute: number, n: number) => n && m.set(minute, (m.get(minute) ?? 0) + n);
const peakOf = (m: PerMinute | undefined): { n: number; minute: number | null } => {
  let best = { n: 0, minute: null as number | null };
  for (const [minute, n] of m ?? []) if (n > best.n) best = { n, minute };
  return best;
};
const perSecond = (n: number) => Math.round((n / 60) * 100) / 100;
const minuteIso = (minute: number | null) => (minute === null ? null : new Date(minute * 60_000).toISOString());

type BucketPeak = { perSecond: number; at: string | null; keys: string[] };

type RequestRates = { keys: KeyHeadroom[]; buckets: Map<string, BucketPeak> };

export function requestRates(
  range: HourRange,
  settings: PricingSettings,
  accounts: AccountFilter,
  bucket?: string,
): RequestRates {
  const today = new Map<string, PerMinute>();
  const projected = new Map<string, PerMinute>();
  const regionOf = new Map<string, string>();
  const bucketObject = new Map<string, PerMinute>();
  const bucketKeys = new Map<string, Set<string>>();
  // Key totals span every bucket (the quota is shared), even when one bucket is asked about.
  for (const r of minuteCounts(range.fromHour, range.toHour, undefined, accounts)) {
    regionOf.set(r.keyArn, r.region);
    const t = today.get(r.keyArn) ?? new Map();
    const p = projected.get(r.keyArn) ?? new Map();
    const b = bucketObject.get(r.bucket) ?? new Map();
    for (let i = 0; i < 60; i++) {
      const minute = r.hour * 60 + i;
      add(t, minute, r.objectPerMinute[i]! + r.bucketPerMinute[i]!);
      add(p, minute, r.bucketPerMinute[i]!);
      add(b, minute, r.objectPerMinute[i]!);
    }
    today.set(r.keyArn, t);
    projected.set(r.keyArn, p);
    bucketObject.set(r.bucket, b);
    bucketKeys.set(r.bucket, (bucketKeys.get(r.bucket) ?? new Set()).add(r.keyArn));
  }
  const slotsByBucket = new Map<string, SlotMaskRow[]>();
  for (const r of slotRows(range.fromHour, range.toHour)) {
    if (!today.has(r.keyArn)) continue;
    const list = slotsByBucket.get(r.bucket);
    if (list) list.push(r);
    else slotsByBucket.set(r.bucket, [r]);
  }
  for (const rows of slotsByBucket.values())
    countRefreshSlots(rows, settings.refreshWindowMinutes, (keyArn, minute) => add(projected.get(keyArn)!, minute, 1));

  const keyArns = [...today.keys()].filter((k) => bucket === undefined || bucketKeys.get(bucket)?.has(k));
  const aliases = keyAliases(keyArns);
  const keys = keyArns
    .map((keyArn): KeyHeadroom => {
      const region = regionOf.get(keyArn)!;
      const quota = kmsQuota(region, settings.kmsQuotas);
      const now = peakOf(today.get(keyArn));
      const withBucketKey = peakOf(projected.get(keyArn));
      return {
        keyArn,
        alias: aliases.get(keyArn) ?? null,
        region,
        peakPerSecond: perSecond(now.n),
        peakAt: minuteIso(now.minute),
        projectedPeakPerSecond: perSecond(withBucketKey.n),
        quotaPerSecond: quota.perSecond,
        quotaSource: quota.source,
        share: quotaShare(now.n / 60, quota),
        projectedShare: quotaShare(withBucketKey.n / 60, quota),
      };
    })
    .sort((a, b) => b.share - a.share);
  const buckets = new Map(
    [...bucketObject]
      .filter(([name]) => bucket === undefined || name === bucket)
      .map(([name, m]) => {
        const peak = peakOf(m);
        return [name, { perSecond: perSecond(peak.n), at: minuteIso(peak.minute), keys: [...bucketKeys.get(name)!] }];
      }),
  );
  return { keys, buckets };
}
