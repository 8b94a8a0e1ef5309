import assert from "node:assert/strict";
import { test } from "node:test";
import type { S3Client } from "@aws-sdk/client-s3";
import { reencryptObject } from "./object";

// moto cannot serve UpdateObjectEncryption, so this path is pinned with a stub client that
// answers in the real API shapes (HeadObject output fields; UpdateObjectEncryption's empty
// 200 response; S3's NotImplemented error).

const keyArn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const object = { key: "reports/2026.csv", etag: '"9b2cf535f27731c974343645a3985328"', size: 1024 };

type Sent = { name: string; input: Record<string, unknown> };

function stubClient(head: Record<string, unknown>, update: () => Record<string, unknown>) {
  const sent: Sent[] = [];
  const client = {
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      sent.push({ name: command.constructor.name, input: command.input });
      if (command.constructor.name === "HeadObjectCommand")
        return { $metadata: { httpStatusCode: 200 }, ETag: object.etag, ContentLength: 1024, ...head };
      if (command.constructor.name === "UpdateObjectEncryptionCommand") return update();
      throw new Error(`unexpected ${command.constructor.name}`);
    },
  };
  return { client: client as unknown as S3Client, sent };
}

test("UpdateObjectEncryption re-encrypts in place: SSE-KMS, the default key, Bucket Key on, no copy", async () => {
  const { client, sent } = stubClient(
    { ServerSideEncryption: "aws:kms", SSEKMSKeyId: keyArn, BucketKeyEnabled: false },
    () => ({ $metadata: { httpStatusCode: 200 } }),
  );
  const outcome = await reencryptObject(client, "b", object, keyArn, "update-object-encryption", true);
  assert.deepEqual(outcome, { status: "done", how: "updated" });
  assert.deepEqual(
    sent.map((s) => s.name),
    ["HeadObjectCommand", "UpdateObjectEncryptionCommand"],
  );
  assert.deepEqual(sent[1]!.input, {
    Bucket: "b",
    Key: object.key,
    ObjectEncryption: { SSEKMS: { KMSKeyArn: keyArn, BucketKeyEnabled: true } },
  });
});

test("NotImplemented from UpdateObjectEncryption asks the runner to fall back to copying", async () => {
  const { client } = stubClient(
    { ServerSideEncryption: "aws:kms", SSEKMSKeyId: keyArn, BucketKeyEnabled: false },
    () => {
      throw Object.assign(new Error("A header you provided implies functionality that is not implemented"), {
        name: "NotImplemented",
        $metadata: { httpStatusCode: 501 },
      });
    },
  );
  const outcome = await reencryptObject(client, "b", object, keyArn, "update-object-encryption", true);
  assert.equal(outcome.status, "method-unavailable");
  assert.match((outcome as { reason: string }).reason, /NotImplemented/);
});

test("objects that must not or need not be rewritten are left alone, with the reason", async () => {
  const cases: [Record<string, unknown>, string, RegExp][] = [
    [{ ServerSideEncryption: "aws:kms", SSEKMSKeyId: keyArn, BucketKeyEnabled: true }, "done", /already/],
    [{ SSECustomerAlgorithm: "AES256" }, "skipped", /SSE-C/],
    [{ ServerSideEncryption: "aws:kms", SSEKMSKeyId: keyArn, ObjectLockMode: "COMPLIANCE" }, "skipped", /Object Lock/],
    [{ ServerSideEncryption: "aws:kms:dsse", SSEKMSKeyId: keyArn }, "skipped", /DSSE-KMS/],
  ];
  for (const [head, status, reason] of cases) {
    const { client, sent } = stubClient(head, () => ({}));
    const outcome = await reencryptObject(client, "b", object, keyArn, "update-object-encryption", true);
    assert.equal(outcome.status, status, JSON.stringify(head));
    assert.match(JSON.stringify(outcome), reason);
    assert.deepEqual(
      sent.map((s) => s.name),
      ["HeadObjectCommand"],
      "nothing written",
    );
  }
});
