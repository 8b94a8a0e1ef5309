import assert from "node:assert/strict";
import { test } from "node:test";
import { InvalidExpression, matches, parseQuery, project } from "./sql";

// The double's query engine against the shapes AWS documents for advanced queries: a selected
// dotted path comes back nested, arrays kept (e.g. SELECT configuration.instanceType →
// {"configuration":{"instanceType":"t2.micro"}}), and GROUP BY with COUNT(*) as "COUNT(*)".

const item = {
  accountId: "111122223333",
  awsRegion: "eu-west-1",
  configurationItemCaptureTime: "2026-11-30T08:15:42.123Z",
  supplementaryConfiguration: {
    ServerSideEncryptionConfiguration: {
      rules: [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyID: "k" },
          bucketKeyEnabled: true,
        },
      ],
    },
  },
};

test("projection nests dotted paths and keeps arrays", () => {
  const path = "supplementaryConfiguration.ServerSideEncryptionConfiguration.rules";
  assert.deepEqual(
    project(item, ["accountId", `${path}.applyServerSideEncryptionByDefault.sseAlgorithm`, `${path}.bucketKeyEnabled`]),
    {
      accountId: "111122223333",
      supplementaryConfiguration: {
        ServerSideEncryptionConfiguration: {
          rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" }, bucketKeyEnabled: true }],
        },
      },
    },
  );
});

test("conditions: equality, and capture times compared as times", () => {
  const q = parseQuery(
    "SELECT accountId WHERE awsRegion = 'eu-west-1' AND configurationItemCaptureTime > '2026-11-30T08:00:00Z'",
  );
  assert.equal(matches(item, q.where), true);
  assert.equal(
    matches(item, parseQuery("SELECT accountId WHERE configurationItemCaptureTime > '2026-11-30T09:00:00Z'").where),
    false,
  );
});

test("GROUP BY with COUNT(*) parses; what the double does not answer is an InvalidExpression", () => {
  assert.deepEqual(
    parseQuery(
      "SELECT accountId, awsRegion, COUNT(*) WHERE resourceType = 'AWS::S3::Bucket' GROUP BY accountId, awsRegion",
    ).groupBy,
    ["accountId", "awsRegion"],
  );
  for (const bad of [
    "SELECT * FROM x",
    "SELECT a WHERE b = 'c' OR d = 'e'",
    "SELECT a WHERE b LIKE 'c%'",
    "SELECT COUNT(*) WHERE a = 'b'",
  ])
    assert.throws(() => parseQuery(bad), InvalidExpression, bad);
});
