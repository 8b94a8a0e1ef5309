import assert from "node:assert/strict";
import { test } from "node:test";
import { inParallel, mapLimit } from "./concurrency";

/** A call that stays open until released, counting how many are open at once. */
function gate() {
  let open = 0;
  let most = 0;
  const waiting: (() => void)[] = [];
  return {
    get most() {
      return most;
    },
    async call<T>(value: T): Promise<T> {
      open++;
      most = Math.max(most, open);
      await new Promise<void>((resolve) => waiting.push(resolve));
      open--;
      return value;
    },
    /** Releases the open calls until none is left, letting the workers start the next ones. */
    async drain(): Promise<void> {
      for (let spins = 0; spins < 1000; spins++) {
        await new Promise((r) => setImmediate(r));
        const next = waiting.shift();
        if (next) next();
        else if (spins > 2) return;
      }
    },
  };
}

test("mapLimit runs at most `limit` calls at once and keeps the items' order", async () => {
  const g = gate();
  const items = Array.from({ length: 20 }, (_, i) => i);
  const run = mapLimit(items, 3, (item, index) => g.call(`${item}@${index}`));
  await g.drain();
  assert.deepEqual(
    await run,
    items.map((i) => `${i}@${i}`),
  );
  assert.equal(g.most, 3);
});

test("mapLimit with fewer items than the limit starts one call per item; none for no items", async () => {
  const g = gate();
  const run = mapLimit(["a", "b"], 8, (item) => g.call(item));
  await g.drain();
  assert.deepEqual(await run, ["a", "b"]);
  assert.equal(g.most, 2);
  assert.deepEqual(await mapLimit([], 4, async () => assert.fail("called for no item")), []);
});

test("a failing call rejects the run with its error", async () => {
  await assert.rejects(
    mapLimit([1, 2, 3], 2, async (n) => {
      if (n === 2) throw new Error("item 2 failed");
      return n;
    }),
    /item 2 failed/,
  );
});

test("inParallel starts `count` workers, each taking work from a shared queue until it is empty", async () => {
  const queue = Array.from({ length: 10 }, (_, i) => i);
  const doneBy: number[][] = [[], [], []];
  await inParallel(3, async (slot) => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
      await new Promise((r) => setImmediate(r));
      doneBy[slot]!.push(item);
    }
  });
  assert.deepEqual(
    doneBy.flat().sort((a, b) => a - b),
    Array.from({ length: 10 }, (_, i) => i),
  );
  assert.ok(
    doneBy.every((items) => items.length > 0),
    "every worker took work",
  );
});
