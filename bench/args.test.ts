import assert from "node:assert/strict";
import test from "node:test";
import { benchArgs } from "./args";

const defaults = { events: 1_000_000, url: "", "skip-s3": false };

test("options take either spelling and keep their default's type", () => {
  assert.deepEqual(benchArgs("usage", defaults, []), { events: 1_000_000, url: "", "skip-s3": false });
  assert.deepEqual(benchArgs("usage", defaults, ["--events", "2000", "--url=http://127.0.0.1:3100", "--skip-s3"]), {
    events: 2000,
    url: "http://127.0.0.1:3100",
    "skip-s3": true,
  });
  assert.equal(benchArgs("usage", defaults, ["--events=5"]).events, 5);
});

test("an unknown option or a number that is not one stops the run with the usage", () => {
  assert.throws(
    () => benchArgs("bench/x.ts [--events N]", defaults, ["--event", "5"]),
    /Unknown option '--event'[^]*Usage: bench\/x\.ts/,
  );
  assert.throws(
    () => benchArgs("bench/x.ts [--events N]", defaults, ["--events", "many"]),
    /--events must be a number, not "many"/,
  );
  assert.throws(() => benchArgs("bench/x.ts [--events N]", defaults, ["stray"]), /Usage: bench\/x\.ts/);
});
