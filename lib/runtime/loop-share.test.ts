import assert from "node:assert/strict";
import type { EventLoopUtilization } from "node:perf_hooks";
import { test } from "node:test";
import { answeringRequests, foreground, loopShare } from "./loop-share";

/** A meter that reports the given utilizations, one per measured window, and a clock the test moves. */
function fakeLoop(windows: number[]) {
  let clock = 0;
  const measured: number[] = [];
  const meter = (since?: EventLoopUtilization): EventLoopUtilization => {
    const utilization = since ? windows.shift()! : 0;
    if (since) measured.push(utilization);
    return { idle: 0, active: 0, utilization };
  };
  return { meter, now: () => clock, advance: (ms: number) => (clock += ms), measured };
}

test("a turn passes at once while the loop is within the share, and measures once a window", async () => {
  const loop = fakeLoop([0.2, 0.4]);
  const turn = loopShare({ limit: 0.5, windowMs: 100, pauseMs: 1 }, loop.meter, loop.now);
  await turn();
  assert.deepEqual(loop.measured, [], "no window has passed yet");
  loop.advance(100);
  await turn();
  await turn();
  assert.deepEqual(loop.measured, [0.2]);
  loop.advance(150);
  await turn();
  assert.deepEqual(loop.measured, [0.2, 0.4]);
});

test("a turn waits while the loop was busier than the share, until a window shows it calmer", async () => {
  const loop = fakeLoop([0.9, 0.8, 0.3]);
  const turn = loopShare({ limit: 0.5, windowMs: 100, pauseMs: 1 }, loop.meter, loop.now);
  loop.advance(100);
  // Each pause lets the next window pass on the fake clock.
  const ticking = setInterval(() => loop.advance(100), 2);
  try {
    await turn();
  } finally {
    clearInterval(ticking);
  }
  assert.deepEqual(loop.measured, [0.9, 0.8, 0.3]);
});

test("a turn gives way while requests are answered, and goes on once they are", async () => {
  const loop = fakeLoop([]);
  let answering = 3;
  const turn = loopShare({ pauseMs: 1, yieldTo: () => answering-- > 0 }, loop.meter, loop.now);
  await turn();
  assert.equal(answering, -1, "asked until no request was being answered");
});

test("requests that never stop hold a turn back by maxYieldMs, not for good", async () => {
  const loop = fakeLoop([]);
  const turn = loopShare({ pauseMs: 1, yieldTo: () => true, maxYieldMs: 50 }, loop.meter, loop.now);
  const ticking = setInterval(() => loop.advance(10), 1);
  try {
    await turn();
  } finally {
    clearInterval(ticking);
  }
  assert.ok(loop.now() >= 50, `passed after ${loop.now()} ms of requests`);
});

test("a request counts while it is answered and just after, and a long one stops counting", async () => {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  assert.equal(answeringRequests(20), false);
  let finish = () => {};
  const running = foreground(() => new Promise<void>((r) => (finish = r)));
  assert.equal(answeringRequests(20), true, "while it is answered");
  await sleep(60);
  assert.equal(answeringRequests(20, 50), false, "a request running longer than quickMs holds nothing back");
  finish();
  await running;
  assert.equal(answeringRequests(20), true, "just after its answer");
  await sleep(30);
  assert.equal(answeringRequests(20), false);
});
