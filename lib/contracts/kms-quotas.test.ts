import { test } from "node:test";
import assert from "node:assert/strict";
import { defaultKmsQuota, kmsQuota, kmsQuotaByRegion, quotaShare } from "./kms-quotas";

test("the guide's table: 100,000/s in us-east-1, us-west-2, eu-west-1; 20,000 in six regions; 10,000 elsewhere", () => {
  for (const r of ["us-east-1", "us-west-2", "eu-west-1"]) assert.equal(kmsQuota(r, {}).perSecond, 100_000);
  for (const r of ["us-east-2", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "eu-central-1", "eu-west-2"])
    assert.equal(kmsQuota(r, {}).perSecond, 20_000);
  assert.equal(kmsQuota("sa-east-1", {}).perSecond, 10_000);
  assert.equal(defaultKmsQuota, 10_000);
  assert.equal(Object.keys(kmsQuotaByRegion).length, 9);
});

test("a Settings override wins and is labelled as such", () => {
  assert.deepEqual(kmsQuota("us-east-1", { "us-east-1": 150_000 }), { perSecond: 150_000, source: "settings" });
  assert.deepEqual(kmsQuota("eu-west-1", { "us-east-1": 150_000 }), { perSecond: 100_000, source: "default" });
  assert.equal(quotaShare(5_000, kmsQuota("sa-east-1", {})), 0.5);
});
