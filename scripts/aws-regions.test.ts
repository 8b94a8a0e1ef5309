import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { regionsFile, regionsSource } from "./aws-regions";

test("lib/contracts/aws-regions.ts lists exactly the regions of the installed AWS SDK's endpoint data", async () => {
  const expected = await regionsSource();
  assert.ok(expected.includes('"us-east-1"') && expected.includes('"cn-north-1"'), "the SDK's data was read");
  assert.equal(readFileSync(regionsFile, "utf8"), expected, "run `npx tsx scripts/aws-regions.ts` and commit it");
});
