import assert from "node:assert/strict";
import { test } from "node:test";
import { createSignInThrottle } from "./sign-in-throttle";

const t0 = 1_000_000;

/** Fails `n` attempts of `user` from `address`, one a second from `at`, as far as the throttle lets them through. */
function flood(throttle: ReturnType<typeof createSignInThrottle>, user: string, address: string, n: number, at = t0) {
  let refused = 0;
  for (let i = 0; i < n; i++) {
    if (throttle.check(user, address, at + i * 1000).ok) throttle.failed(user, address, at + i * 1000);
    else refused++;
  }
  return refused;
}

const cases = [
  {
    name: "a wrong-password flood for admin from one address does not lock admin out of another address",
    run: (th: ReturnType<typeof createSignInThrottle>) => {
      assert.ok(flood(th, "admin", "203.0.113.9", 200) > 150, "the flooding address is slowed down");
      assert.deepEqual(th.check("admin", "198.51.100.7", t0 + 200_000), { ok: true });
    },
  },
  {
    name: "the flooding address waits for admin after the free failures, with doubling waits",
    run: (th: ReturnType<typeof createSignInThrottle>) => {
      for (let i = 0; i < 5; i++) th.failed("admin", "203.0.113.9", t0);
      assert.deepEqual(th.check("admin", "203.0.113.9", t0), { ok: true }, "five failures are free");
      th.failed("admin", "203.0.113.9", t0);
      assert.deepEqual(th.check("admin", "203.0.113.9", t0), { ok: false, retryAfterSeconds: 1 });
      th.failed("admin", "203.0.113.9", t0 + 1000);
      assert.deepEqual(th.check("admin", "203.0.113.9", t0 + 1000), { ok: false, retryAfterSeconds: 2 });
      th.failed("admin", "203.0.113.9", t0 + 3000);
      assert.deepEqual(th.check("admin", "203.0.113.9", t0 + 3000), { ok: false, retryAfterSeconds: 4 });
    },
  },
  {
    name: "spraying many names from one address is slowed per address (no fresh budget per name)",
    run: (th: ReturnType<typeof createSignInThrottle>) => {
      for (let i = 0; i < 30; i++) th.failed(`user${i}`, "203.0.113.9", t0);
      assert.deepEqual(th.check("someone-new", "203.0.113.9", t0), { ok: true }, "thirty failures are free");
      th.failed("user31", "203.0.113.9", t0);
      assert.equal(th.check("someone-new", "203.0.113.9", t0).ok, false);
      assert.deepEqual(th.check("someone-new", "198.51.100.7", t0), { ok: true }, "other addresses are unaffected");
    },
  },
  {
    name: "waits are capped and failures are forgotten after a quiet period",
    run: (th: ReturnType<typeof createSignInThrottle>) => {
      for (let i = 0; i < 60; i++) th.failed("admin", "203.0.113.9", t0);
      const refused = th.check("admin", "203.0.113.9", t0);
      assert.deepEqual(refused, { ok: false, retryAfterSeconds: 15 * 60 });
      assert.deepEqual(th.check("admin", "203.0.113.9", t0 + 15 * 60_000 + 1), { ok: true });
    },
  },
  {
    name: "a success forgets that name's failures from that address",
    run: (th: ReturnType<typeof createSignInThrottle>) => {
      for (let i = 0; i < 6; i++) th.failed("admin", "203.0.113.9", t0);
      assert.equal(th.check("admin", "203.0.113.9", t0).ok, false);
      th.succeeded("admin", "203.0.113.9");
      assert.deepEqual(th.check("admin", "203.0.113.9", t0), { ok: true });
    },
  },
  {
    name: "the state is bounded: a flood of distinct addresses forgets the oldest",
    run: () => {
      const th = createSignInThrottle({ maxKeys: 100 });
      for (let i = 0; i < 6; i++) th.failed("admin", "203.0.113.9", t0);
      for (let i = 0; i < 200; i++) th.failed("x", `10.0.${i >> 8}.${i & 255}`, t0);
      assert.deepEqual(th.check("admin", "203.0.113.9", t0), { ok: true });
    },
  },
];

for (const c of cases) test(c.name, () => c.run(createSignInThrottle()));
