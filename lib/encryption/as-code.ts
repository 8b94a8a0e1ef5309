import type { EncryptionByDefault, EncryptionConfig, EncryptionRule } from "@/lib/contracts/encryption-config";
import type { CodeSnippets } from "@/lib/contracts/encryption";

// The same change as the console will make, written for the AWS CLI, Terraform and
// CloudFormation, so teams can commit it to their infrastructure code instead.

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function terraformName(bucket: string): string {
  return bucket.replace(/[^a-zA-Z0-9_]/g, "_").replace(/^(\d)/, "_$1");
}

export function encryptionAsCode(bucket: string, region: string, config: EncryptionConfig): CodeSnippets {
  const rule: EncryptionRule = config.Rules[0] ?? {};
  const sse: Partial<EncryptionByDefault> = rule.ApplyServerSideEncryptionByDefault ?? {};
  const blocked = rule.BlockedEncryptionTypes?.EncryptionType ?? [];

  const cli = [
    "aws s3api put-bucket-encryption \\",
    `  --bucket ${bucket} \\`,
    `  --region ${region} \\`,
    `  --server-side-encryption-configuration ${shellQuote(JSON.stringify(config))}`,
  ].join("\n");

  const terraform = [
    `resource "aws_s3_bucket_server_side_encryption_configuration" "${terraformName(bucket)}" {`,
    `  bucket = "${bucket}"`,
    "",
    "  rule {",
    "    apply_server_side_encryption_by_default {",
    `      sse_algorithm = "${sse.SSEAlgorithm}"`,
    ...(sse.KMSMasterKeyID ? [`      kms_master_key_id = "${sse.KMSMasterKeyID}"`] : []),
    "    }",
    `    bucket_key_enabled = ${rule.BucketKeyEnabled === true}`,
    ...(blocked.length
      ? [`    # Kept from the current configuration: blocked encryption types ${blocked.join(", ")}.`]
      : []),
    "  }",
    "}",
  ].join("\n");

  const cloudformation = [
    "Resources:",
    `  ${terraformName(bucket).replace(/_/g, "")}Bucket:`,
    "    Type: AWS::S3::Bucket",
    "    Properties:",
    `      BucketName: ${bucket}`,
    "      BucketEncryption:",
    "        ServerSideEncryptionConfiguration:",
    "          - ServerSideEncryptionByDefault:",
    `              SSEAlgorithm: ${sse.SSEAlgorithm}`,
    ...(sse.KMSMasterKeyID ? [`              KMSMasterKeyID: ${sse.KMSMasterKeyID}`] : []),
    `            BucketKeyEnabled: ${rule.BucketKeyEnabled === true}`,
    ...(blocked.length
      ? [`            BlockedEncryptionTypes:`, `              EncryptionType: [${blocked.join(", ")}]`]
      : []),
  ].join("\n");

  return { cli, terraform, cloudformation };
}
