import "server-only";
import { AppError } from "@/lib/contracts/errors";
import type { UsagePoint, UsageSeries } from "@/lib/contracts/usage";
import { requestCost } from "@/lib/cost/pricing";
import { detectSwitch, type UsageHour } from "@/lib/cost/savings";
import { readPricing } from "@/lib/usage/store/pricing-store";
import { hourIso, resolveRange } from "./range";
import { memoReport } from "./report-cache";
import { dataSpan, hourlyUsage, principalsPerPeriod, type AccountFilter } from "@/lib/usage/store/queries";
import type { UsageScope } from "./usage-scope";

// GET /api/usage: requests per period by level and operation, priced, zero-filled so a
// chart shows quiet periods as zero rather than as gaps.

const maxPoints = 24 * 400;

type UsageQuery = { bucket?: string; from?: string; to?: string; granularity: "hour" | "day" };

export function usageSeries(query: UsageQuery, scope: UsageScope): UsageSeries {
  return memoReport("usage", [query, scope.accounts], () => computeUsageSeries(query, scope.accounts));
}

function computeUsageSeries(query: UsageQuery, accounts: AccountFilter): UsageSeries {
  const { fromHour: rawFrom, toHour } = resolveRange(query.from, query.to);
  if (query.from && query.to && Date.parse(query.from) >= Date.parse(query.to))
    throw new AppError("invalid_input", "from must be before to.");
  const step = query.granularity === "day" ? 24 : 1;
  const fromHour = Math.floor(rawFrom / step) * step;
  if ((toHour - fromHour) / step > maxPoints)
    throw new AppError(
      "invalid_input",
      `That range has more than ${maxPoints} ${query.granularity}s; choose a shorter range or daily granularity.`,
    );

  const pricing = readPricing();
  const rows = hourlyUsage({ bucket: query.bucket, fromHour, toHour, accounts });
  const points = new Map<number, UsagePoint>();
  for (let p = fromHour; p < toHour; p += step)
    points.set(p, {
      t: hourIso(p),
      object: 0,
      bucket: 0,
      byOperation: {},
      costUsd: 0,
      principals: query.bucket ? 0 : null,
    });

  const hours = new Map<number, UsageHour>();
  for (const r of rows) {
    const point = points.get(Math.floor(r.hour / step) * step);
    if (!point) continue;
    point[r.level] += r.requests;
    point.byOperation[r.operation] = (point.byOperation[r.operation] ?? 0) + r.requests;
    point.costUsd += requestCost(pricing, r.requests, r.region);
    const h = hours.get(r.hour) ?? {
      hour: r.hour,
      objectRequests: 0,
      bucketRequests: 0,
      principals: 0,
      keys: 0,
      kinds: 0,
      slots: null,
    };
    if (r.level === "object") h.objectRequests += r.requests;
    else h.bucketRequests += r.requests;
    hours.set(r.hour, h);
  }
  if (query.bucket) {
    for (const [period, n] of principalsPerPeriod(query.bucket, fromHour, toHour, step)) {
      const point = points.get(period);
      if (point) point.principals = n;
    }
  }
  const series = [...points.values()];
  const switchHour = query.bucket ? detectSwitch([...hours.values()].sort((a, b) => a.hour - b.hour)) : null;
  return {
    bucket: query.bucket ?? null,
    from: hourIso(fromHour),
    to: hourIso(toHour),
    granularity: query.granularity,
    points: series,
    totals: {
      object: series.reduce((s, p) => s + p.object, 0),
      bucket: series.reduce((s, p) => s + p.bucket, 0),
      costUsd: series.reduce((s, p) => s + p.costUsd, 0),
    },
    bucketKeyEnabledAt: switchHour === null ? null : hourIso(switchHour),
    hasData: dataSpan(accounts) !== null,
  };
}
