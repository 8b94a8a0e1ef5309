import assert from "node:assert/strict";
import { test } from "node:test";
import { checkBucketName } from "./bucket-name";

test("accepts names that follow the S3 rules", () => {
  for (const name of ["abc", "my-bucket.logs", "a".repeat(63), "bkc-demo-orders", "1bucket2"]) {
    assert.deepEqual(checkBucketName(name), { ok: true }, name);
  }
});

test("rejects names that break a rule, saying which", () => {
  const cases: [string, RegExp][] = [
    ["ab", /3 to 63/],
    ["a".repeat(64), /3 to 63/],
    ["Upper-Case", /lowercase/],
    ["under_score", /lowercase/],
    ["-leading", /begin and end/],
    ["trailing.", /begin and end/],
    ["two..dots", /adjacent dots/],
    ["192.168.5.4", /IP address/],
    ["xn--punycode", /reserved prefix "xn--"/],
    ["sthree-bucket", /reserved prefix/],
    ["bucket-s3alias", /reserved suffix "-s3alias"/],
    ["bucket--ol-s3", /reserved suffix/],
    ["../../etc/passwd", /lowercase|begin/],
  ];
  for (const [name, reason] of cases) {
    const check = checkBucketName(name);
    assert.equal(check.ok, false, name);
    assert.match((check as { reason: string }).reason, reason, name);
  }
});
