import assert from "node:assert/strict";
import { test } from "node:test";
import { initialState, keyStepProblem, proposalOf, stepsFor, typedKeyProblem } from "./wizard-model";

const keyArn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const current = (type: "SSE-S3" | "SSE-KMS" | "DSSE-KMS" | "NONE", kmsKeyArn: string | null = null) => ({
  bucket: "b",
  region: "us-east-1",
  raw: null,
  version: "0123456789abcdef",
  encryption: {
    type,
    kmsKeyArn,
    kmsKeyAlias: null,
    kmsKeyReference: kmsKeyArn,
    kmsKeyProblem: null,
    bucketKeyEnabled: false,
  },
});

test("the current setting is preselected, with the Bucket Key on", () => {
  const s = initialState(current("SSE-KMS", keyArn));
  assert.equal(s.type, "SSE-KMS");
  assert.equal(s.chosenKeyArn, keyArn);
  assert.equal(s.bucketKeyEnabled, true);
  assert.equal(initialState(current("NONE")).type, "SSE-KMS");
  assert.equal(initialState(current("DSSE-KMS", keyArn)).bucketKeyEnabled, false);
});

test("SSE-S3 skips the key step and never sends a key", () => {
  assert.deepEqual(stepsFor("SSE-S3"), ["type", "bucket-key", "review", "save"]);
  assert.deepEqual(stepsFor("SSE-KMS"), ["type", "key", "bucket-key", "review", "save"]);
  const s = { ...initialState(current("SSE-KMS", keyArn)), type: "SSE-S3" as const };
  assert.deepEqual(proposalOf(s), { type: "SSE-S3", kmsKeyId: null, bucketKeyEnabled: true });
});

test("DSSE-KMS never proposes a Bucket Key, even if it was on before switching", () => {
  const s = { ...initialState(current("SSE-KMS", keyArn)), type: "DSSE-KMS" as const, bucketKeyEnabled: true };
  assert.equal(proposalOf(s).bucketKeyEnabled, false);
});

test("a typed key is checked as it is typed, including its region", () => {
  assert.match(typedKeyProblem("arn:aws:kms:us-east-1:1:key/x", "us-east-1")!, /12-digit account/);
  assert.match(
    typedKeyProblem(keyArn.replace("us-east-1", "eu-west-1"), "us-east-1")!,
    /in eu-west-1; the bucket is in us-east-1/,
  );
  assert.equal(typedKeyProblem(keyArn, "us-east-1"), null);
  assert.equal(typedKeyProblem("alias/orders", "us-east-1"), null);
  const entering = { ...initialState(current("SSE-KMS")), keyMode: "enter" as const, typedKey: "nope" };
  assert.match(keyStepProblem(entering, "us-east-1")!, /Not a KMS key/);
  assert.equal(keyStepProblem({ ...entering, typedKey: ` ${keyArn} ` }, "us-east-1"), null);
  assert.equal(proposalOf({ ...entering, typedKey: ` ${keyArn} ` }).kmsKeyId, keyArn);
  assert.equal(
    keyStepProblem({ ...initialState(current("NONE")), keyMode: "choose" }, "us-east-1"),
    "Choose a KMS key.",
  );
});
