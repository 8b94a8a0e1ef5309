import type { BatchJobCheck, BatchJobRequest } from "@/lib/contracts/batch-jobs";
import type { ObjectScan } from "@/lib/contracts/objects";
import { batchManifestsPrefix, batchReportsPrefix } from "@/lib/objects/batch/request";

// What a Batch Operations job needs before it is submitted, as pure functions of facts read
// from AWS: the role's trust and permissions, Object Lock, replication, the key's account, and
// the objects UpdateObjectEncryption cannot change.

export type BatchJobFacts = {
  bucket: string;
  account: string;
  keyArn: string;
  request: BatchJobRequest;
  /** The inventory report's manifest ARN when it is the job's manifest. */
  manifestArn: string | null;
  /** The role's trust policy (URL-decoded JSON), null when it could not be read, with why. */
  roleTrust: { document: string | null; error: string | null };
  objectLock: "Enabled" | "off" | "unknown";
  replicationRules: number | null;
  /** The latest audit of the bucket, for the objects the job cannot serve. */
  audit: ObjectScan;
};

export const batchServicePrincipal = "batchoperations.s3.amazonaws.com";

export function trustPolicy() {
  return {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: batchServicePrincipal }, Action: "sts:AssumeRole" }],
  };
}

/** The least the job's role needs, for this bucket, key and manifest. */
export function rolePolicy(f: Pick<BatchJobFacts, "bucket" | "keyArn" | "request" | "manifestArn">) {
  const bucketArn = `arn:aws:s3:::${f.bucket}`;
  const change =
    f.request.operation === "update-object-encryption"
      ? ["s3:UpdateObjectEncryption", "s3:PutObject", "s3:GetObject", "s3:GetObjectVersion"]
      : ["s3:PutObject", "s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectTagging", "s3:PutObjectTagging"];
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "ChangeObjects", Effect: "Allow", Action: change, Resource: `${bucketArn}/*` },
      f.manifestArn
        ? {
            Sid: "ReadInventoryManifest",
            Effect: "Allow",
            Action: ["s3:GetObject", "s3:GetObjectVersion"],
            Resource: f.manifestArn,
          }
        : { Sid: "GenerateManifest", Effect: "Allow", Action: "s3:ListBucket", Resource: bucketArn },
      {
        Sid: "WriteReportAndManifest",
        Effect: "Allow",
        Action: "s3:PutObject",
        Resource: [`${bucketArn}/${batchReportsPrefix}/*`, `${bucketArn}/${batchManifestsPrefix}/*`],
      },
      {
        Sid: "UseTheKey",
        Effect: "Allow",
        Action: ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:ReEncrypt*"],
        Resource: f.keyArn,
      },
    ],
  };
}

export function batchJobChecks(f: BatchJobFacts): BatchJobCheck[] {
  return [checkTrust(f), permissions(), checkObjectLock(f), checkReplication(f), checkKeyAccount(f), checkObjects(f)];
}

function checkTrust(f: BatchJobFacts): BatchJobCheck {
  const title = "The role trusts S3 Batch Operations";
  // The role is read in the job's account by name: a role of another account is not the one the ARN names.
  const roleAccount = /^arn:aws[a-z-]*:iam::(\d{12}):role\//.exec(f.request.roleArn)?.[1];
  if (roleAccount !== f.account)
    return {
      id: "role-trust",
      title,
      status: "fail",
      detail:
        `The role is in account ${roleAccount ?? "(none)"}, the job in ${f.account}: a job runs with a role of its own ` +
        "account. Choose a role in the bucket's account.",
    };
  if (!f.roleTrust.document)
    return { id: "role-trust", title, status: "unknown", detail: `Could not read the role: ${f.roleTrust.error}` };
  const trusts = JSON.stringify(JSON.parse(f.roleTrust.document)).includes(batchServicePrincipal);
  return trusts
    ? { id: "role-trust", title, status: "pass", detail: `Its trust policy names ${batchServicePrincipal}.` }
    : {
        id: "role-trust",
        title,
        status: "fail",
        detail: `Its trust policy does not name ${batchServicePrincipal}: S3 cannot assume it. Add the trust policy shown.`,
      };
}

function permissions(): BatchJobCheck {
  return {
    id: "role-permissions",
    title: "The role's permissions",
    status: "unknown",
    detail: "Attach the policy shown to the role; S3 checks it per task, and tasks without it fail with AccessDenied.",
  };
}

function checkObjectLock(f: BatchJobFacts): BatchJobCheck {
  const title = "Object Lock";
  if (f.objectLock === "unknown")
    return { id: "object-lock", title, status: "unknown", detail: "Could not read the Object Lock configuration." };
  return f.objectLock === "Enabled"
    ? {
        id: "object-lock",
        title,
        status: "warn",
        detail:
          "Object Lock is on: objects under a legal hold or governance-mode retention fail their task (compliance " +
          "mode does not block the change); the completion report lists them.",
      }
    : { id: "object-lock", title, status: "pass", detail: "Object Lock is off." };
}

function checkReplication(f: BatchJobFacts): BatchJobCheck {
  const title = "Replication";
  if (f.replicationRules === null)
    return { id: "replication", title, status: "unknown", detail: "Could not read the replication configuration." };
  if (f.replicationRules === 0) return { id: "replication", title, status: "pass", detail: "No replication rules." };
  return {
    id: "replication",
    title,
    status: "warn",
    detail:
      f.request.operation === "update-object-encryption"
        ? `${f.replicationRules} replication rule(s): UpdateObjectEncryption makes no replica events, so replicas ` +
          `keep their encryption. Run a job on each destination bucket too.`
        : `${f.replicationRules} replication rule(s): each copy is a new write and is replicated again.`,
  };
}

function checkKeyAccount(f: BatchJobFacts): BatchJobCheck {
  const title = "The key's account";
  const keyAccount = f.keyArn.split(":")[4];
  return keyAccount === f.account
    ? { id: "key-account", title, status: "pass", detail: `The key is in ${f.account}, the bucket's account.` }
    : {
        id: "key-account",
        title,
        status: "warn",
        detail: `The key is in account ${keyAccount}, not ${f.account}: its key policy must allow the job's role the KMS actions shown, or every task fails.`,
      };
}

/** From the latest audit: objects UpdateObjectEncryption cannot change, and the objects the job leaves alone. */
function checkObjects(f: BatchJobFacts): BatchJobCheck {
  const title = "Objects this job cannot change";
  const d = f.audit.distribution;
  if (f.audit.state !== "done")
    return {
      id: "objects",
      title,
      status: "unknown",
      detail: "Audit the bucket first to see which objects need another way.",
    };
  const source = f.audit.source === "inventory" ? `inventory report of ${f.audit.reportDate}` : "last object scan";
  const unencrypted = d["Unencrypted or SSE-C"];
  const parts = [
    unencrypted > 0 &&
      `${unencrypted} unencrypted or SSE-C object(s): UpdateObjectEncryption needs an SSE-S3 or SSE-KMS source; ` +
        "copy the unencrypted ones (Operation: copy unencrypted objects, up to 5 GB each; larger ones with the re-encryption above), SSE-C ones need their key",
    d["DSSE-KMS"] > 0 &&
      `${d["DSSE-KMS"]} DSSE-KMS object(s): not a source UpdateObjectEncryption takes, and Bucket Keys do not apply to DSSE-KMS`,
    f.request.manifest === "generator" &&
      d["SSE-S3"] > 0 &&
      `${d["SSE-S3"]} SSE-S3 object(s) are not selected by the generator's SSE-KMS filter; the inventory manifest includes them`,
  ].filter((p): p is string => typeof p === "string");
  return parts.length
    ? { id: "objects", title, status: "warn", detail: `From the ${source}: ${parts.join("; ")}.` }
    : {
        id: "objects",
        title,
        status: "pass",
        detail: `From the ${source}: every object is a source UpdateObjectEncryption takes.`,
      };
}
