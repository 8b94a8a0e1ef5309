import type { Guardrail } from "@/lib/contracts/guardrail";

// The guardrail that keeps Bucket Keys on, generated for review: an AWS Config custom policy rule in
// CloudFormation Guard (no Lambda) that marks SSE-KMS buckets without a Bucket Key NON_COMPLIANT, and
// an optional automatic remediation with the SSM runbook AWS-EnableS3BucketKeys. No IAM or S3
// condition key can enforce a Bucket Key, so the control is detective plus remediation.
// The remediation passes one KmsKeyId to every bucket it fixes, and without one the runbook falls back
// to SSE-S3: turn it on only where the flagged buckets share that key (e.g. one key per account).

export const ruleName = "s3-bucket-key-enabled-for-sse-kms";

// DSSE-KMS has no Bucket Key, so only aws:kms rules are checked; a deleted bucket is not evaluated.
export const guardRule = `# ${ruleName}: SSE-KMS default encryption must use an S3 Bucket Key.
rule s3_bucket_key_enabled_for_sse_kms when
    resourceType == "AWS::S3::Bucket"
    configurationItemStatus != "ResourceDeleted"
    supplementaryConfiguration.ServerSideEncryptionConfiguration exists
{
    let kms_rules = supplementaryConfiguration.ServerSideEncryptionConfiguration.rules[
        applyServerSideEncryptionByDefault.sseAlgorithm == "aws:kms"
    ]
    when %kms_rules !empty {
        %kms_rules.bucketKeyEnabled == true
        <<
            result: NON_COMPLIANT
            message: Default encryption is SSE-KMS without an S3 Bucket Key, so every object request calls KMS.
        >>
    }
}
`;

const description = "SSE-KMS buckets must use an S3 Bucket Key (Bucket Key Console guardrail).";

/**
 * The rule as PutConfigRule takes it, and as CloudFormation's AWS::Config::ConfigRule properties spell it: the console
 * applies this object, and the template deploys the same one.
 */
export function guardrailConfigRule() {
  return {
    ConfigRuleName: ruleName,
    Description: description,
    Scope: { ComplianceResourceTypes: ["AWS::S3::Bucket"] },
    Source: {
      Owner: "CUSTOM_POLICY" as const,
      SourceDetails: [
        { EventSource: "aws.config" as const, MessageType: "ConfigurationItemChangeNotification" as const },
        { EventSource: "aws.config" as const, MessageType: "OversizedConfigurationItemChangeNotification" as const },
      ],
      CustomPolicyDetails: { PolicyRuntime: "guard-2.x.x", PolicyText: guardRule, EnableDebugLogDelivery: false },
    },
  };
}

function cloudFormation(): string {
  const template = {
    AWSTemplateFormatVersion: "2010-09-09",
    Description: `${description} Deploy per account, as a StackSet, or inside a conformance pack.`,
    Parameters: {
      EnableRemediation: { Type: "String", AllowedValues: ["true", "false"], Default: "false" },
      RemediationKmsKeyArn: {
        Type: "String",
        Default: "",
        Description: "The key AWS-EnableS3BucketKeys sets on every bucket it fixes (empty: it falls back to SSE-S3).",
      },
      RemediationRoleArn: {
        Type: "String",
        Default: "",
        Description: "Role the runbook runs as (s3:PutEncryptionConfiguration).",
      },
    },
    Conditions: { Remediate: { "Fn::Equals": [{ Ref: "EnableRemediation" }, "true"] } },
    Resources: {
      BucketKeyRule: { Type: "AWS::Config::ConfigRule", Properties: guardrailConfigRule() },
      BucketKeyRemediation: {
        Type: "AWS::Config::RemediationConfiguration",
        Condition: "Remediate",
        Properties: {
          ConfigRuleName: { Ref: "BucketKeyRule" },
          TargetType: "SSM_DOCUMENT",
          TargetId: "AWS-EnableS3BucketKeys",
          Automatic: true,
          MaximumAutomaticAttempts: 3,
          RetryAttemptSeconds: 60,
          Parameters: {
            BucketName: { ResourceValue: { Value: "RESOURCE_ID" } },
            KmsKeyId: { StaticValue: { Values: [{ Ref: "RemediationKmsKeyArn" }] } },
            AutomationAssumeRole: { StaticValue: { Values: [{ Ref: "RemediationRoleArn" }] } },
          },
        },
      },
    },
  };
  return `${JSON.stringify(template, null, 2)}\n`;
}

function terraform(): string {
  return `# ${description}
variable "enable_remediation" {
  type    = bool
  default = false
}

variable "remediation_kms_key_arn" {
  description = "The key AWS-EnableS3BucketKeys sets on every bucket it fixes (empty: it falls back to SSE-S3)."
  type        = string
  default     = ""
}

variable "remediation_role_arn" {
  description = "Role the runbook runs as (s3:PutEncryptionConfiguration)."
  type        = string
  default     = ""
}

resource "aws_config_config_rule" "bucket_key" {
  name        = "${ruleName}"
  description = "${description}"

  scope {
    compliance_resource_types = ["AWS::S3::Bucket"]
  }

  source {
    owner = "CUSTOM_POLICY"

    source_detail {
      event_source = "aws.config"
      message_type = "ConfigurationItemChangeNotification"
    }

    source_detail {
      event_source = "aws.config"
      message_type = "OversizedConfigurationItemChangeNotification"
    }

    custom_policy_details {
      policy_runtime = "guard-2.x.x"
      policy_text    = <<-GUARD
${guardRule
  .trimEnd()
  .split("\n")
  .map((l) => `        ${l}`)
  .join("\n")}
      GUARD
    }
  }
}

resource "aws_config_remediation_configuration" "bucket_key" {
  count                      = var.enable_remediation ? 1 : 0
  config_rule_name           = aws_config_config_rule.bucket_key.name
  target_type                = "SSM_DOCUMENT"
  target_id                  = "AWS-EnableS3BucketKeys"
  automatic                  = true
  maximum_automatic_attempts = 3
  retry_attempt_seconds      = 60

  parameter {
    name           = "BucketName"
    resource_value = "RESOURCE_ID"
  }

  parameter {
    name         = "KmsKeyId"
    static_value = var.remediation_kms_key_arn
  }

  parameter {
    name         = "AutomationAssumeRole"
    static_value = var.remediation_role_arn
  }
}
`;
}

export function bucketKeyGuardrail(): Guardrail {
  return { ruleName, guard: guardRule, cloudFormation: cloudFormation(), terraform: terraform() };
}
