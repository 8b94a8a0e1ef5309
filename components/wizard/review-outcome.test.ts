import assert from "node:assert/strict";
import { test } from "node:test";
import type { PreflightResult } from "@/lib/contracts/encryption";
import { reviewOutcome, saveBlockedReason, type BucketReview } from "./review-outcome";

const enc = { type: "SSE-KMS" as const, kmsKeyArn: null, kmsKeyAlias: null, bucketKeyEnabled: false };
function reviewed(bucket: string, status: "pass" | "warn" | "fail"): BucketReview {
  const data = {
    current: { bucket, region: "us-east-1", raw: null, version: "v1", encryption: enc },
    proposed: { ...enc, bucketKeyEnabled: true },
    checks: [{ id: "key", title: "KMS key", status, message: `key ${status}` }],
    code: { cli: "", terraform: "", cloudformation: "" },
  } as unknown as PreflightResult;
  return { bucket, pending: false, data, error: null };
}
const pending = (bucket: string): BucketReview => ({ bucket, pending: true, data: undefined, error: null });
const errored = (bucket: string): BucketReview => ({
  bucket,
  pending: false,
  data: undefined,
  error: new Error("throttled"),
});

test("while reviews run, Save waits and says how far they are", () => {
  const o = reviewOutcome([reviewed("a", "pass"), pending("b"), pending("c")]);
  assert.equal(o.settled, false);
  assert.equal(saveBlockedReason(o, 3, false), "Waiting for the checks (1 of 3).");
});

test("a failed check or a review that could not run skips that bucket only, with why", () => {
  const o = reviewOutcome([reviewed("a", "pass"), reviewed("b", "fail"), errored("c"), reviewed("d", "pass")]);
  assert.deepEqual(
    o.toSave.map((r) => r.current.bucket),
    ["a", "d"],
  );
  assert.deepEqual(o.skipped, [
    { bucket: "b", message: "KMS key: key fail" },
    { bucket: "c", message: "The checks could not run: throttled" },
  ]);
  assert.equal(saveBlockedReason(o, 4, false), null);
});

test("nothing to save blocks Save; a warning among the saved needs an acknowledgement", () => {
  assert.equal(
    saveBlockedReason(reviewOutcome([reviewed("a", "fail")]), 1, false),
    "A check failed: fix it before saving.",
  );
  const warned = reviewOutcome([reviewed("a", "warn"), reviewed("b", "pass")]);
  assert.equal(saveBlockedReason(warned, 2, false), "Acknowledge the warnings to save.");
  assert.equal(saveBlockedReason(warned, 2, true), null);
  // A warning on a skipped bucket needs no acknowledgement: it is not saved.
  const failedToo = reviewed("c", "warn");
  failedToo.data!.checks.push({ id: "type", title: "Type", status: "fail", message: "DSSE" } as never);
  assert.equal(reviewOutcome([failedToo, reviewed("d", "pass")]).warnings, false);
});
