import type { PreflightCheck } from "@/lib/contracts/encryption";
import { keyUsability } from "@/lib/kms/key-usability";
import { checkRequestRate } from "./request-rate-check";
import type { PreflightFacts } from "./preflight-facts";
import { actionMatches } from "@/lib/encryption/action-pattern";

// The pre-flight checks as pure functions of facts gathered beforehand (see preflight.ts).
// Each says pass, warn or fail with a sentence a person can act on.

type Statement = {
  Sid?: string;
  Effect?: string;
  Principal?: unknown;
  Action?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
};

function statements(policy: string | null): Statement[] {
  if (!policy) return [];
  try {
    const doc = JSON.parse(policy) as { Statement?: Statement | Statement[] };
    return Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
  } catch {
    return [];
  }
}

const asList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);

function allowsAction(s: Statement, action: string): boolean {
  return asList(s.Action).some((pattern) => actionMatches(pattern, action));
}

function principalCoversAccount(s: Statement, account: string): boolean {
  const p = s.Principal;
  if (p === "*") return true;
  const aws = asList((p as { AWS?: unknown } | undefined)?.AWS);
  return aws.some((a) => a === "*" || a === account || a.includes(`:${account}:`));
}

function checkKey(f: PreflightFacts): PreflightCheck {
  const title = "KMS key";
  if (f.proposed.type === "SSE-S3")
    return {
      id: "key",
      status: "pass",
      title,
      message: "SSE-S3 uses keys that S3 manages: no KMS key, no KMS requests.",
    };
  if (!f.key) return { id: "key", status: "fail", title, message: "No KMS key chosen." };
  if ("error" in f.key)
    return { id: "key", status: "fail", title, message: `The key could not be verified: ${f.key.error}` };
  const { usable, reason } = keyUsability(f.key, f.region);
  const name = f.key.alias ?? f.key.arn;
  if (!usable) return { id: "key", status: "fail", title, message: `${name} cannot be used: ${reason}` };
  const unknown = [f.key.usage ? null : "key usage"].filter(Boolean);
  return {
    id: "key",
    status: "pass",
    title,
    message:
      `${name} exists, is enabled, symmetric${f.key.usage ? `, ${f.key.usage}` : ""} and ` +
      `in ${f.region}.${unknown.length ? ` (AWS did not report the ${unknown.join(", ")}.)` : ""}`,
  };
}

function checkKeyPolicy(f: PreflightFacts): PreflightCheck {
  const title = "Key policy";
  if (f.proposed.type === "SSE-S3") return { id: "key-policy", status: "pass", title, message: "No KMS key involved." };
  if (f.key && !("error" in f.key) && (f.key.manager === "AWS" || f.key.alias === "alias/aws/s3")) {
    return {
      id: "key-policy",
      status: "pass",
      title,
      message: "The AWS managed key aws/s3 lets every principal of this account use it through S3.",
    };
  }
  if (!f.keyPolicy || "error" in f.keyPolicy) {
    return {
      id: "key-policy",
      status: "warn",
      title,
      message:
        `The key policy could not be read${f.keyPolicy && "error" in f.keyPolicy ? ` (${f.keyPolicy.error})` : ""}: ` +
        "make sure it lets this account's principals call kms:GenerateDataKey and kms:Decrypt, or S3 requests will fail.",
    };
  }
  const allows = statements(f.keyPolicy.policy).filter(
    (s) => s.Effect === "Allow" && principalCoversAccount(s, f.account),
  );
  const missing = ["kms:GenerateDataKey", "kms:Decrypt"].filter((a) => !allows.some((s) => allowsAction(s, a)));
  if (missing.length === 0)
    return {
      id: "key-policy",
      status: "pass",
      title,
      message: `The key policy lets account ${f.account} use the key for S3 (kms:GenerateDataKey, kms:Decrypt).`,
    };
  return {
    id: "key-policy",
    status: "warn",
    title,
    message: `The key policy does not grant ${missing.join(" and ")} to account ${f.account}: unless a grant does, writes and reads through S3 will be denied.`,
  };
}

/** Statements whose kms:EncryptionContext:aws:s3:arn condition names object ARNs. */
export function objectContextStatements(policy: string | null, bucket: string): Statement[] {
  return statements(policy).filter((s) =>
    Object.values(s.Condition ?? {}).some((conditions) =>
      Object.entries(conditions).some(
        ([key, value]) =>
          /^kms:EncryptionContext:aws:s3:arn$/i.test(key) &&
          asList(value).some((v) => v.startsWith(`arn:aws:s3:::${bucket}/`) || /^arn:aws:s3:::[^/]*\*?\//.test(v)),
      ),
    ),
  );
}

function checkEncryptionContext(f: PreflightFacts): PreflightCheck {
  const title = "Encryption context conditions";
  const turningOn =
    f.proposed.type === "SSE-KMS" &&
    f.proposed.bucketKeyEnabled &&
    !(f.current.type === "SSE-KMS" && f.current.bucketKeyEnabled);
  if (!turningOn)
    return {
      id: "encryption-context",
      status: "pass",
      title,
      message: "The encryption context S3 sends does not change.",
    };
  const found = [
    ...(f.keyPolicy && "policy" in f.keyPolicy
      ? objectContextStatements(f.keyPolicy.policy, f.bucket).map((s) => ({ in: "key policy" as const, statement: s }))
      : []),
    ...("policy" in f.bucketPolicy
      ? objectContextStatements(f.bucketPolicy.policy, f.bucket).map((s) => ({
          in: "bucket policy" as const,
          statement: s,
        }))
      : []),
  ];
  if (found.length === 0) {
    return {
      id: "encryption-context",
      status: "pass",
      title,
      message:
        "No key or bucket policy conditions on object ARNs in kms:EncryptionContext:aws:s3:arn. With a Bucket Key the context becomes the bucket ARN.",
    };
  }
  return {
    id: "encryption-context",
    status: "warn",
    title,
    message:
      `With a Bucket Key, S3 sends the bucket ARN (arn:aws:s3:::${f.bucket}) as encryption context ` +
      `instead of object ARNs: ${found.length} statement(s) conditioning on object ARNs will stop ` +
      `matching. Update them to the bucket ARN.`,
    evidence: found,
  };
}

function checkReplication(f: PreflightFacts): PreflightCheck {
  const title = "Replication";
  if ("error" in f.replication) {
    return {
      id: "replication",
      status: "warn",
      title,
      message: `The replication configuration could not be read (${f.replication.error}): check what happens to replicas before saving.`,
    };
  }
  const active = f.replication.filter((r) => r.status === "Enabled");
  if (active.length === 0)
    return { id: "replication", status: "pass", title, message: "The bucket does not replicate." };
  const lines = active.map((r) => {
    const kms = r.replicatesSseKms
      ? `SSE-KMS objects replicate and are encrypted at ${r.destinationBucket} with ${r.replicaKmsKeyId ?? "the destination's default key"}`
      : `SSE-KMS objects are NOT replicated (turn on "Replicate objects encrypted with AWS KMS" in the rule)`;
    const destination = `${r.destinationBucket}${r.destinationRegion ? ` (${r.destinationRegion})` : ""}`;
    return `${r.id} → ${destination}: ${kms}; replicas use the destination bucket's own Bucket Key setting.`;
  });
  return { id: "replication", status: "warn", title, message: `This bucket replicates. ${lines.join(" ")}` };
}

function checkExistingObjects(f: PreflightFacts): PreflightCheck {
  const title = "Existing objects";
  if (f.hasObjects === false)
    return {
      id: "existing-objects",
      status: "pass",
      title,
      message: "The bucket is empty: every object will use the new setting.",
    };
  return {
    id: "existing-objects",
    status: "warn",
    title,
    message:
      "Only objects written after the change use the new setting; existing objects keep their " +
      "current encryption (and, without a Bucket Key, keep costing a KMS request per read). " +
      "Re-encrypt them in place with CopyObject or S3 Batch Operations.",
  };
}

function checkSaving(f: PreflightFacts): PreflightCheck {
  const title = "Estimated KMS saving";
  if (!f.usage || f.usage.monthlySavingUsd === null) {
    return {
      id: "saving",
      status: "pass",
      title,
      message: "No KMS usage data for this bucket yet: ingest CloudTrail on the Reports page to see the estimate.",
    };
  }
  return {
    id: "saving",
    status: "pass",
    title,
    message: `About USD ${f.usage.monthlySavingUsd.toFixed(2)} a month (${f.usage.method}).`,
  };
}

function checkChangesSomething(f: PreflightFacts): PreflightCheck {
  const same =
    f.current.type === f.proposed.type &&
    f.current.kmsKeyArn === f.proposed.kmsKeyArn &&
    f.current.bucketKeyEnabled === f.proposed.bucketKeyEnabled;
  return same
    ? {
        id: "no-change",
        status: "fail",
        title: "Change",
        message: "The bucket already has exactly this configuration: nothing to save.",
      }
    : {
        id: "no-change",
        status: "pass",
        title: "Change",
        message: "The proposed configuration differs from the current one.",
      };
}

export function runPreflightChecks(f: PreflightFacts): PreflightCheck[] {
  return [
    checkChangesSomething,
    checkKey,
    checkKeyPolicy,
    checkEncryptionContext,
    checkReplication,
    checkExistingObjects,
    checkRequestRate,
    checkSaving,
  ].map((c) => c(f));
}
