// Which usage source suits an account, from the size of its trail. Pure.
//
// Log files are downloaded once and never again (receipts), so their cost is the first
// download plus each day's new files; past roughly a gigabyte of compressed logs a day the
// download and parse take longer than a refresh should, while Athena reads them in place
// and bills only the bytes it scans.

import type { UsageSource } from "@/lib/contracts/usage-source";

const athenaThresholdBytesPerDay = 1024 ** 3;

export type TrailSize = { trail: string; bytesPerDay: number; filesPerDay: number; days: number } | null;

const mib = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(bytes < 10 * 1024 ** 2 ? 1 : 0)} MiB`;

export function recommendSource(
  size: TrailSize,
  athena: { windowDays: number; scanPricePerTb: number },
): { source: UsageSource; reason: string } {
  if (!size) {
    return {
      source: "lookup-events",
      reason:
        "No trail delivers log files to S3 in this account: the event history (LookupEvents, 90 days, 2 requests a second) is the only source.",
    };
  }
  const rate = `${size.trail} received about ${mib(size.bytesPerDay)} of logs (${Math.round(size.filesPerDay)} files) a day over the last ${size.days} days`;
  if (size.bytesPerDay < athenaThresholdBytesPerDay) {
    return { source: "log-files", reason: `${rate}: small enough to download, and each file is read only once.` };
  }
  const firstScanUsd = (size.bytesPerDay * (athena.windowDays + 1) * athena.scanPricePerTb) / 1024 ** 4;
  return {
    source: "athena",
    reason:
      `${rate}: too much to download on every refresh. Athena reads them in place; the first ` +
      `refresh (${athena.windowDays} days) scans ` +
      `about ${mib(size.bytesPerDay * (athena.windowDays + 1))}, about USD ${firstScanUsd.toFixed(2)}.`,
  };
}

const hourMs = 3_600_000;

/**
 * The hours a refresh reads: from a day before the previous refresh ended (late deliveries)
 * or `windowDays` back for the first, up to and including the current hour.
 */
export function refreshWindow(
  nowMs: number,
  previousToHour: number | null,
  windowDays: number,
): { fromHour: number; toHour: number } {
  const toHour = Math.floor(nowMs / hourMs) + 1;
  const fromHour = previousToHour === null ? toHour - 1 - windowDays * 24 : Math.min(previousToHour - 24, toHour - 1);
  return { fromHour, toHour };
}
