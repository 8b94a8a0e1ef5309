import type { ObjectScan } from "@/lib/contracts/objects";

// How the audit labels its figures: the size of a byte count, and where a figure comes from and
// how old it is ("inventory report of 1 Dec 2026, 02:00 (3 h old)", "full scan, 5 min ago").

export function formatBytes(n: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
}

export function age(iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.round((now - new Date(iso).getTime()) / 60_000));
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} days ago`;
}

export function sourceLabel(s: ObjectScan): string {
  if (s.source === "inventory" && s.reportDate)
    return `inventory report of ${new Date(s.reportDate).toLocaleString()} (${age(s.reportDate)})`;
  const when = s.finishedAt ?? s.startedAt;
  const kind = s.sampleSize !== null ? `sample of the first ${s.sampleSize.toLocaleString()} objects` : "full scan";
  return when ? `${kind} (HeadObject), ${age(when)}` : kind;
}
