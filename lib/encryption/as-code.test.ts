import assert from "node:assert/strict";
import { test } from "node:test";
import { encryptionAsCode } from "./as-code";

const keyArn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

test("the change as AWS CLI, Terraform and CloudFormation", () => {
  const config = {
    Rules: [
      {
        ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms" as const, KMSMasterKeyID: keyArn },
        BucketKeyEnabled: true,
      },
    ],
  };
  const code = encryptionAsCode("my.bucket-1", "eu-west-1", config);
  assert.equal(
    code.cli,
    [
      "aws s3api put-bucket-encryption \\",
      "  --bucket my.bucket-1 \\",
      "  --region eu-west-1 \\",
      `  --server-side-encryption-configuration '${JSON.stringify(config)}'`,
    ].join("\n"),
  );
  assert.equal(
    code.terraform,
    [
      'resource "aws_s3_bucket_server_side_encryption_configuration" "my_bucket_1" {',
      '  bucket = "my.bucket-1"',
      "",
      "  rule {",
      "    apply_server_side_encryption_by_default {",
      '      sse_algorithm = "aws:kms"',
      `      kms_master_key_id = "${keyArn}"`,
      "    }",
      "    bucket_key_enabled = true",
      "  }",
      "}",
    ].join("\n"),
  );
  assert.match(code.cloudformation, /Type: AWS::S3::Bucket/);
  assert.match(code.cloudformation, new RegExp(`KMSMasterKeyID: ${keyArn}`));
  assert.match(code.cloudformation, /BucketKeyEnabled: true/);
});

test("carried-over blocked encryption types are visible in every form", () => {
  const config = {
    Rules: [
      {
        ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" as const },
        BucketKeyEnabled: false,
        BlockedEncryptionTypes: { EncryptionType: ["SSE-C" as const] },
      },
    ],
  };
  const code = encryptionAsCode("b-1", "us-east-1", config);
  assert.match(code.cli, /"BlockedEncryptionTypes":\{"EncryptionType":\["SSE-C"\]\}/);
  assert.match(code.terraform, /blocked encryption types SSE-C/);
  assert.match(code.cloudformation, /EncryptionType: \[SSE-C\]/);
  assert.doesNotMatch(code.terraform, /kms_master_key_id/);
});

test("a single quote in the JSON cannot break out of the shell argument", () => {
  const code = encryptionAsCode("b-1", "us-east-1", {
    Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: "alias/it's" } }],
  });
  assert.match(code.cli, /alias\/it'\\''s/);
});
