import assert from "node:assert/strict";
import { test } from "node:test";
import { canSettle, outcomeOfError, settleByReading, settlesFrom, thrownWrite } from "./write-outcome";

test("an error AWS answered with 4xx is a refusal: failed", () => {
  for (const [name, status] of [
    ["AccessDenied", 403],
    ["ThrottlingException", 400],
    ["InvalidRequest", 400],
  ] as const) {
    const o = outcomeOfError("PutBucketEncryption", { name, httpStatus: status });
    assert.equal(o.status, "failed", name);
    assert.match(o.note, new RegExp(`refused \\(${status} ${name}\\)`));
  }
});

test("no answer or a 5xx after retries leaves the outcome unknown", () => {
  assert.deepEqual(outcomeOfError("CreateKey", { name: "ECONNRESET", httpStatus: null }), {
    status: "unknown",
    note: "CreateKey got no answer (ECONNRESET): it may or may not have been made.",
  });
  assert.equal(outcomeOfError("X", { name: "TimeoutError", httpStatus: null }).status, "unknown");
  assert.equal(outcomeOfError("X", { name: "SlowDown", httpStatus: 503 }).status, "unknown");
  assert.match(outcomeOfError("X", { name: "InternalError", httpStatus: 500 }).note, /answered 500 InternalError/);
});

test("thrownWrite reads SDK errors and Node socket errors alike", () => {
  const sdk = Object.assign(new Error("x"), { name: "SlowDown", $metadata: { httpStatusCode: 503 } });
  assert.deepEqual(thrownWrite(sdk), { name: "SlowDown", httpStatus: 503 });
  const socket = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
  assert.deepEqual(thrownWrite(socket), { name: "ECONNRESET", httpStatus: null });
  assert.deepEqual(thrownWrite(undefined), { name: "Unknown", httpStatus: null });
});

const same = (a: string, b: string) => a === b;

test("reading AWS settles an unknown write", () => {
  assert.equal(settleByReading({ now: "on", put: "on", before: "off" }, same).status, "applied");
  const notMade = settleByReading({ now: "off", put: "on", before: "off" }, same);
  assert.equal(notMade.status, "failed");
  assert.match(notMade.note, /did not take effect/);
  const elsewhere = settleByReading({ now: "sse-s3", put: "on", before: "off" }, same);
  assert.equal(elsewhere.status, "failed");
  assert.match(elsewhere.note, /changed elsewhere/);
  assert.equal(settleByReading({ now: "x", put: "on", before: "on" }, same).status, "applied", "a no-op is in place");
});

test("the next change is the witness: what it found in place decides, not what AWS holds now", () => {
  // Replaced since, but the next change found it in place: it was made.
  assert.equal(settleByReading({ now: "sse-s3", put: "on", before: "off", nextBefore: "on" }, same).status, "applied");
  // A retry made the same change after this one failed: S3 shows "on", yet this one did not take effect.
  const retried = settleByReading({ now: "on", put: "on", before: "off", nextBefore: "off" }, same);
  assert.equal(retried.status, "failed");
  assert.match(retried.note, /the next change found the state from before/);
});

test("applied and failed are final; pending and unknown may settle", () => {
  assert.ok(canSettle("pending", "unknown"));
  assert.ok(canSettle("unknown", "applied"));
  assert.ok(!canSettle("applied", "failed"));
  assert.ok(!canSettle("failed", "applied"));
  assert.ok(!canSettle("applied", "unknown"));
  assert.deepEqual(settlesFrom("applied"), ["pending", "unknown"]);
  assert.deepEqual(settlesFrom("pending"), []);
});
