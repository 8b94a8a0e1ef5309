import { performance, type EventLoopUtilization } from "node:perf_hooks";
import { processWide } from "./process-wide";

// A background job's bounded share of the event loop. The inventory scan's AWS calls (signing, HTTP, XML parsing)
// run on the web server's one thread; unchecked, 32 reads at once keep it about 85% busy, and every request's many
// small steps queue behind them. A job awaits `turn()` before each unit of work: while the loop was busier than
// `limit` over the last `windowMs` (requests included, so a busy server slows the job), it waits `pauseMs` at a time.
// A job may also give way to requests (`yieldTo`): the average share alone still lets its work land in the middle
// of an answer (profiled on moto, the loop ~40% busy: the scan's share and the requests' own about even).

type Options = { limit?: number; windowMs?: number; pauseMs?: number; yieldTo?: () => boolean; maxYieldMs?: number };
/** How busy the loop was since `since` (0..1), and a new mark: performance.eventLoopUtilization's own shape. */
type Meter = (since?: EventLoopUtilization) => EventLoopUtilization;

export function loopShare(
  { limit = 0.5, windowMs = 100, pauseMs = 20, yieldTo = () => false, maxYieldMs = 1_000 }: Options = {},
  meter: Meter = (since) => performance.eventLoopUtilization(since),
  now = () => performance.now(),
) {
  let mark = meter();
  let markedAt = now();
  let busy = 0;
  const measure = () => {
    if (now() - markedAt < windowMs) return;
    busy = meter(mark).utilization;
    mark = meter();
    markedAt = now();
  };
  return async function turn(): Promise<void> {
    const since = now();
    // Requests that never stop coming hold a job back by maxYieldMs a turn, never for good.
    const yielding = () => yieldTo() && now() - since < maxYieldMs;
    for (measure(); busy > limit || yielding(); measure()) await new Promise((r) => setTimeout(r, pauseMs));
  };
}

// Requests being answered, by when each started: one set per process, since route() runs in every route's bundle and
// the scan in another.
const answering = processWide("Answering", () => ({ started: new Set<{ at: number }>(), lastEnded: -Infinity }));

/** Runs the answer to a request as foreground work: jobs paced with `yieldTo: answeringRequests` give way to it. */
export async function foreground<T>(answer: () => Promise<T>): Promise<T> {
  const request = { at: performance.now() };
  answering.started.add(request);
  try {
    return await answer();
  } finally {
    answering.started.delete(request);
    answering.lastEnded = performance.now();
  }
}

/**
 * Whether a quick request is being answered, or one was within `graceMs`: after the handler the answer is still
 * serialized, compressed and written, and a page's next request often follows at once. A request running longer
 * than `quickMs` (one that waits for AWS itself) stops counting, so it cannot hold a job back while it lasts.
 */
export function answeringRequests(graceMs = 20, quickMs = 500): boolean {
  const now = performance.now();
  if (now - answering.lastEnded < graceMs) return true;
  for (const r of answering.started) if (now - r.at < quickMs) return true;
  return false;
}
