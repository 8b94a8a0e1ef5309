import assert from "node:assert/strict";
import { test } from "node:test";
import { createLimiter } from "./limiter";

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

test("never more than the limit at once, every call runs, results and failures stay with their caller", async () => {
  const limit = createLimiter(3);
  let running = 0;
  let peak = 0;
  const results = await Promise.allSettled(
    Array.from({ length: 20 }, (_, i) =>
      limit(async () => {
        running++;
        peak = Math.max(peak, running);
        await tick();
        running--;
        if (i === 4) throw new Error("bucket 4 failed");
        return i;
      }),
    ),
  );
  assert.equal(peak, 3);
  assert.equal(results.filter((r) => r.status === "fulfilled").length, 19, "one failure does not stop the others");
  assert.deepEqual(results[7], { status: "fulfilled", value: 7 });
  assert.equal(results[4]!.status, "rejected");
});
