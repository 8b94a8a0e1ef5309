import type { BucketEncryption, ReplicationRule } from "@/lib/contracts/inventory";
import type { KeyHeadroom } from "@/lib/contracts/usage";

// What the pre-flight checks look at, gathered beforehand by preflight.ts: each check is a pure function of it.

export type KeyFacts = {
  arn: string;
  alias: string | null;
  state: string | null;
  spec: string | null;
  usage: string | null;
  manager: string | null;
  region: string | null;
};

export type PolicyFact = { policy: string | null } | { error: string };

export type PreflightFacts = {
  bucket: string;
  region: string;
  account: string;
  current: BucketEncryption;
  proposed: BucketEncryption;
  /** null for SSE-S3; { error } when the key could not be described. */
  key: KeyFacts | { error: string } | null;
  keyPolicy: PolicyFact | null;
  bucketPolicy: PolicyFact;
  replication: ReplicationRule[] | { error: string };
  hasObjects: boolean | null;
  /** From the usage store when CloudTrail data is present. */
  usage: {
    peakObjectRequestsPerSecond: number;
    peakAt: string | null;
    monthlySavingUsd: number | null;
    method: string;
    headroom: KeyHeadroom[];
  } | null;
};
