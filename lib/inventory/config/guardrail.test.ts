import assert from "node:assert/strict";
import { test } from "node:test";
import { bucketKeyGuardrail, guardRule, ruleName } from "./guardrail";

const g = bucketKeyGuardrail();

test("the Guard rule checks aws:kms rules for bucketKeyEnabled on live buckets only", () => {
  assert.match(guardRule, /resourceType == "AWS::S3::Bucket"/);
  assert.match(guardRule, /configurationItemStatus != "ResourceDeleted"/);
  assert.match(
    guardRule,
    /sseAlgorithm == "aws:kms"\s*\]/,
    "DSSE-KMS (aws:kms:dsse) has no Bucket Key and is not flagged",
  );
  assert.match(guardRule, /bucketKeyEnabled == true/);
  assert.match(guardRule, /result: NON_COMPLIANT/);
});

test("CloudFormation: a CUSTOM_POLICY rule carrying the Guard text as is, remediation only when asked", () => {
  const t = JSON.parse(g.cloudFormation) as {
    Resources: Record<string, { Type: string; Condition?: string; Properties: Record<string, unknown> }>;
    Parameters: Record<string, { Default: string }>;
  };
  const rule = t.Resources.BucketKeyRule!;
  assert.equal(rule.Type, "AWS::Config::ConfigRule");
  const source = rule.Properties.Source as {
    Owner: string;
    CustomPolicyDetails: { PolicyRuntime: string; PolicyText: string };
  };
  assert.equal(source.Owner, "CUSTOM_POLICY");
  assert.equal(source.CustomPolicyDetails.PolicyRuntime, "guard-2.x.x");
  assert.equal(source.CustomPolicyDetails.PolicyText, guardRule);
  const fix = t.Resources.BucketKeyRemediation!;
  assert.equal(fix.Condition, "Remediate");
  assert.equal(fix.Properties.TargetId, "AWS-EnableS3BucketKeys");
  assert.deepEqual((fix.Properties.Parameters as Record<string, unknown>).BucketName, {
    ResourceValue: { Value: "RESOURCE_ID" },
  });
  assert.equal(t.Parameters.EnableRemediation!.Default, "false", "remediation is off unless chosen");
});

test("Terraform: the same rule and Guard text, remediation behind a variable", () => {
  assert.match(
    g.terraform,
    new RegExp(`resource "aws_config_config_rule" "bucket_key"[\\s\\S]*name\\s+= "${ruleName}"`),
  );
  assert.match(g.terraform, /owner = "CUSTOM_POLICY"/);
  assert.match(g.terraform, /count\s+= var\.enable_remediation \? 1 : 0/);
  assert.match(g.terraform, /target_id\s+= "AWS-EnableS3BucketKeys"/);
  const heredoc = /<<-GUARD\n([\s\S]*?)\n\s*GUARD/.exec(g.terraform)![1]!;
  // <<- strips the common indentation: what Terraform sends is the Guard text.
  const indent = Math.min(
    ...heredoc
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => l.length - l.trimStart().length),
  );
  assert.equal(
    heredoc
      .split("\n")
      .map((l) => l.slice(indent))
      .join("\n"),
    guardRule.trimEnd(),
  );
});
