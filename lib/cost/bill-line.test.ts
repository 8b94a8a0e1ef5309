import { test } from "node:test";
import assert from "node:assert/strict";
import { classifyBillLine, kmsRequestOperations, toCostUnits, usageDay, type BillLine } from "./bill-line";

const key = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const line = (patch: Partial<BillLine>): BillLine => ({
  productCode: "awskms",
  usageType: "eu-west-1-KMS-Requests",
  operation: "GenerateDataKey",
  lineItemType: "Usage",
  resourceId: key,
  ...patch,
});

test("symmetric request lines: region name, region code and no prefix (us-east-1)", () => {
  assert.deepEqual(classifyBillLine(line({})), {
    kind: "request",
    region: "eu-west-1",
    keyArn: key,
    requestClass: "symmetric",
    operation: "GenerateDataKey",
  });
  const east = "arn:aws:kms:us-east-1:111122223333:key/abcd";
  for (const usageType of ["KMS-Requests", "USE1-KMS-Requests", "us-east-1-KMS-Requests"]) {
    const c = classifyBillLine(line({ usageType, resourceId: east }));
    assert.equal(c.kind, "request", usageType);
    assert.equal(c.kind === "request" && c.region, "us-east-1", usageType);
  }
  const c = classifyBillLine(line({ usageType: "APS3-KMS-Requests", resourceId: null }));
  assert.deepEqual(c, {
    kind: "request",
    region: "ap-south-1",
    keyArn: "",
    requestClass: "symmetric",
    operation: "GenerateDataKey",
  });
});

test("each documented request kind; KMS-Keys is key storage", () => {
  const kinds = {
    "eu-west-1-KMS-Requests-Asymmetric": "asymmetric",
    "eu-west-1-KMS-Requests-GenerateDatakeyPair-RSA": "generate-data-key-pair-rsa",
    "EUW1-KMS-Requests-GenerateDatakeyPair-ECC": "generate-data-key-pair-ecc",
  } as const;
  for (const [usageType, requestClass] of Object.entries(kinds)) {
    const c = classifyBillLine(line({ usageType, operation: "Sign" }));
    assert.equal(c.kind === "request" && c.requestClass, requestClass, usageType);
  }
  assert.deepEqual(classifyBillLine(line({ usageType: "ap-south-1-KMS-Keys", operation: "" })), {
    kind: "key-storage",
    region: "ap-south-1",
  });
});

test("every KMS request operation is accepted and kept as written", () => {
  assert.ok(kmsRequestOperations.size >= 16);
  for (const operation of kmsRequestOperations) {
    const c = classifyBillLine(line({ operation }));
    assert.equal(c.kind === "request" && c.operation, operation);
  }
});

test("other products are not KMS; unknown KMS lines are unclassified with the reason", () => {
  assert.deepEqual(classifyBillLine(line({ productCode: "AmazonS3", usageType: "EUW1-Requests-Tier1" })), {
    kind: "not-kms",
  });
  const cases: [Partial<BillLine>, RegExp][] = [
    [{ usageType: "eu-west-1-KMS-CustomKeyStore" }, /not a KMS pattern/],
    [{ usageType: "eu-west-1-KMS-Requests-Quantum" }, /does not know/],
    [{ usageType: "eu-west-1-KMS-Keys-Hsm" }, /does not know/],
    [{ usageType: "XYZ9-KMS-Requests" }, /no known region/],
    [{ operation: "Frobnicate" }, /Frobnicate is not a KMS API operation/],
    [{ operation: "" }, /\(empty\) is not a KMS API operation/],
    [{ lineItemType: "Credit" }, /Credit line, not usage/],
    [{ resourceId: "arn:aws:s3:::bucket" }, /not a KMS key ARN/],
    [{ usageType: "us-east-2-KMS-Requests" }, /billed in us-east-2, its key is in eu-west-1/],
  ];
  for (const [patch, reason] of cases) {
    const c = classifyBillLine(line(patch));
    assert.equal(c.kind, "unclassified", JSON.stringify(patch));
    assert.match(c.kind === "unclassified" ? c.reason : "", reason);
  }
  // A legacy CUR without the line-type column still classifies usage.
  assert.equal(classifyBillLine(line({ lineItemType: null })).kind, "request");
});

test("usage day from Date, epoch ms, ISO and CSV timestamps; cost units are exact integers", () => {
  assert.equal(usageDay(new Date("2026-11-03T23:00:00Z")), "2026-11-03");
  assert.equal(usageDay(Date.parse("2026-11-04T00:00:00Z")), "2026-11-04");
  assert.equal(usageDay("2026-11-05T10:00:00.000Z"), "2026-11-05");
  assert.equal(usageDay("2026-11-06 10:00:00"), "2026-11-06");
  assert.equal(usageDay("not a date"), null);
  assert.equal(toCostUnits(0.000003), 30_000);
  assert.equal(toCostUnits(0.1) + toCostUnits(0.2), toCostUnits(0.3));
});
