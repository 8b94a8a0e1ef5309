import assert from "node:assert/strict";
import { test } from "node:test";
import type { ObjectScan } from "@/lib/contracts/objects";
import { batchJobChecks, batchServicePrincipal, type BatchJobFacts } from "./checks";

const trusting = JSON.stringify({
  Statement: [{ Effect: "Allow", Principal: { Service: batchServicePrincipal }, Action: "sts:AssumeRole" }],
});
const facts = (roleArn: string, roleTrust: BatchJobFacts["roleTrust"]): BatchJobFacts => ({
  bucket: "data",
  account: "111122223333",
  keyArn: "arn:aws:kms:us-east-1:111122223333:key/abc",
  request: { manifest: "generator", roleArn, prefix: "", operation: "update-object-encryption" },
  manifestArn: null,
  roleTrust,
  objectLock: "off",
  replicationRules: 0,
  audit: { state: "none" } as ObjectScan,
});

// The role is read in the job's account: a role ARN of another account fails, whatever a same-named role of the
// job's account would have said.
const cases: [string, BatchJobFacts, "pass" | "fail" | "unknown", RegExp][] = [
  [
    "a trusting role of the job's account",
    facts("arn:aws:iam::111122223333:role/Batch", { document: trusting, error: null }),
    "pass",
    /names/,
  ],
  [
    "a role of another account",
    facts("arn:aws:iam::999988887777:role/Batch", { document: trusting, error: null }),
    "fail",
    /account 999988887777, the job in 111122223333/,
  ],
  [
    "a role that does not trust Batch",
    facts("arn:aws:iam::111122223333:role/Batch", { document: "{}", error: null }),
    "fail",
    /does not name/,
  ],
  [
    "a role that could not be read",
    facts("arn:aws:iam::111122223333:role/Batch", { document: null, error: "AccessDenied" }),
    "unknown",
    /AccessDenied/,
  ],
];
for (const [name, f, status, detail] of cases) {
  test(`role trust check: ${name} → ${status}`, () => {
    const check = batchJobChecks(f).find((c) => c.id === "role-trust")!;
    assert.equal(check.status, status);
    assert.match(check.detail, detail);
  });
}
