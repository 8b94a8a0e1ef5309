// Number and time formats of the charts and of the tables beside them; no chart library here, so a table need
// not load one.

export const formatCount = (n: number): string =>
  Math.abs(n) >= 1e6
    ? `${(n / 1e6).toFixed(1)}M`
    : Math.abs(n) >= 1e4
      ? `${Math.round(n / 1e3)}k`
      : Math.round(n).toLocaleString("en-US");

export const formatUsd = (n: number): string =>
  n === 0
    ? "$0"
    : Math.abs(n) < 0.0001
      ? `${n < 0 ? "-" : ""}<$0.0001`
      : Math.abs(n) < 0.01
        ? `$${n.toFixed(4)}`
        : Math.abs(n) < 100
          ? `$${n.toFixed(2)}`
          : `$${Math.round(n).toLocaleString("en-US")}`;

export function formatPeriod(iso: string, granularity: "hour" | "day"): string {
  const d = new Date(iso);
  const day = d.toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
  return granularity === "hour" ? `${day} ${String(d.getUTCHours()).padStart(2, "0")}:00` : day;
}
