import assert from "node:assert/strict";
import { test } from "node:test";
import { createRateLimiter } from "./rate-limit";

test("allows perMinute requests at once, then refuses with the wait until the next one", () => {
  const take = createRateLimiter({ perMinute: 3 });
  const t = 1_000_000;
  assert.deepEqual([take("a", t), take("a", t), take("a", t)], [{ ok: true }, { ok: true }, { ok: true }]);
  assert.deepEqual(take("a", t), { ok: false, retryAfterSeconds: 20 });
  assert.deepEqual(take("a", t + 20_000), { ok: true }, "one token back after a third of a minute");
  assert.equal(take("a", t + 20_000).ok, false);
});

test("keys are independent: one user's burst does not block another", () => {
  const take = createRateLimiter({ perMinute: 1 });
  assert.equal(take("alice", 0).ok, true);
  assert.equal(take("alice", 0).ok, false);
  assert.equal(take("bob", 0).ok, true);
});

test("the key map stays bounded; an evicted key starts with a full bucket", () => {
  const take = createRateLimiter({ perMinute: 1, maxKeys: 2 });
  take("a", 0);
  take("b", 0);
  take("c", 0); // evicts a, the least recently used
  assert.equal(take("a", 0).ok, true);
  assert.equal(take("c", 0).ok, false);
});
