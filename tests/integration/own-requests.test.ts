import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { GetBucketEncryptionCommand, PutBucketEncryptionCommand } from "@aws-sdk/client-s3";
import { createBucket, uniqueName } from "./helpers";

// The console's S3 clients write down the request id of each bucket change S3 accepts (and of nothing else), so a
// CloudTrail record of it is known as the console's own by its requestID, not by a User-Agent anyone can send.
process.env.CONSOLE_DATA_DIR = mkdtempSync(path.join(tmpdir(), "bkc-own-"));
const { s3Client } = await import("@/lib/aws/clients");
const { isOwnRequest } = await import("@/lib/aws/own-requests");

test("a bucket change the console sends is recorded by its request id; a read is not", async () => {
  const bucket = uniqueName("own-req");
  await createBucket(bucket);
  const put = await s3Client("us-east-1").send(
    new PutBucketEncryptionCommand({
      Bucket: bucket,
      ServerSideEncryptionConfiguration: {
        Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }],
      },
    }),
  );
  const read = await s3Client("us-east-1").send(new GetBucketEncryptionCommand({ Bucket: bucket }));
  assert.ok(put.$metadata.requestId, "S3 answered with a request id");
  assert.equal(isOwnRequest(put.$metadata.requestId!), true);
  assert.equal(isOwnRequest(read.$metadata.requestId!), false, "reads are not bucket changes");
  assert.equal(isOwnRequest("a-request-id-the-console-never-sent"), false);
  assert.equal(isOwnRequest(null), false);
});
