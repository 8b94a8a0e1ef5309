import { performance, type EventLoopUtilization } from "node:perf_hooks";

// A background job's bounded share of the event loop. The inventory scan's AWS calls (signing, HTTP, XML parsing)
// run on the web server's one thread; unchecked, 32 reads at once keep it about 85% busy, and every request's many
// small steps queue behind them. A job awaits `turn()` before each unit of work: while the loop was busier than
// `limit` over the last `windowMs` (requests included, so a busy server slows the job), it waits `pauseMs` at a time.

type Options = { limit?: number; windowMs?: number; pauseMs?: number };
/** How busy the loop was since `since` (0..1), and a new mark: performance.eventLoopUtilization's own shape. */
type Meter = (since?: EventLoopUtilization) => EventLoopUtilization;

export function loopShare(
  { limit = 0.5, windowMs = 100, pauseMs = 20 }: Options = {},
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
    for (measure(); busy > limit; measure()) await new Promise((r) => setTimeout(r, pauseMs));
  };
}
