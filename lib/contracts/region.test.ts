import assert from "node:assert/strict";
import { test } from "node:test";
import { awsRegionSchema } from "./region";

const cases: [string, boolean, string | undefined][] = [
  ["us-east-1", true, "aws"],
  ["eu-south-2", true, "aws"],
  ["cn-north-1", true, "aws-cn"],
  ["us-gov-west-1", true, "aws-us-gov"],
  ["zz-abc-1", false, undefined], // well-formed but made up: the GET flood of issue 22
  ["us-east-99", false, undefined],
  ["aws-global", false, undefined], // a pseudo-region of the endpoint data, not a place
  ["US-EAST-1", false, undefined],
  ["", false, undefined],
  ["us-east-1".repeat(10), false, undefined],
];

for (const [value, ok, partition] of cases) {
  test(`region ${JSON.stringify(value)}: ${ok ? `known (partition ${partition})` : "refused"}`, () => {
    const parsed = awsRegionSchema.safeParse(value);
    assert.equal(parsed.success, ok);
    if (!parsed.success) assert.match(parsed.error.issues[0]!.message, /AWS region|too big|at most/i);
  });
}
