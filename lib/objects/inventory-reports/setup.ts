import "server-only";
import {
  GetBucketPolicyCommand,
  PutBucketInventoryConfigurationCommand,
  PutBucketPolicyCommand,
} from "@aws-sdk/client-s3";
import type { PutBucketInventoryConfigurationCommandInput, S3Client } from "@aws-sdk/client-s3";
import { actingUserName } from "@/lib/aws/account-context";
import { beginWrite, settleWrite, unsettledWrites, type StoredWrite } from "@/lib/changes/write-log";
import { outcomeOfError, thrownWrite } from "@/lib/changes/write-outcome";
import { listInventoryConfigurations } from "@/lib/objects/inventory-reports/locate";
import type { InventorySetup, InventorySetupRequest } from "@/lib/contracts/object-inventory";
import { AppError } from "@/lib/contracts/errors";
import { s3Client } from "@/lib/aws/clients";
import { isAwsError } from "@/lib/aws/errors";
import { awsCallError } from "@/lib/aws/send";
import { callerIdentity } from "@/lib/aws/identity";
import { bucketRegion } from "@/lib/aws/bucket-region";
import {
  buildInventoryConfiguration,
  inventoryDestinationStatement,
  withInventoryStatement,
} from "@/lib/objects/inventory-reports/setup-request";
import { reportsPrefix } from "@/lib/objects/inventory-reports/manifest";

// Review, then apply, an S3 Inventory configuration for a bucket that has no usable report:
// PutBucketInventoryConfiguration on the bucket and PutBucketPolicy on the destination.

export async function planInventorySetup(
  bucket: string,
  setup: InventorySetupRequest,
  apply = false,
): Promise<InventorySetup> {
  const [region, destinationRegion, { account }] = await Promise.all([
    bucketRegion(bucket),
    bucketRegion(setup.destinationBucket),
    callerIdentity(),
  ]);
  if (region !== destinationRegion)
    throw new AppError(
      "check_failed",
      `${setup.destinationBucket} is in ${destinationRegion} and ${bucket} in ${region}: S3 Inventory writes its ` +
        `reports only to a bucket in the source bucket's region. Choose a destination bucket in ${region}.`,
    );
  const client = s3Client(region);
  const request = buildInventoryConfiguration(bucket, account, setup);
  const destinationStatement = inventoryDestinationStatement(bucket, account, setup);
  const readPolicy = await bucketPolicy(client, setup.destinationBucket);
  const destinationPolicy = withInventoryStatement(readPolicy, destinationStatement);
  if (apply) {
    // PutBucketPolicy replaces the whole policy: written only if nobody changed it since it was read above, so a
    // statement someone added meanwhile is never dropped.
    if ((await bucketPolicy(client, setup.destinationBucket)) !== readPolicy)
      throw new AppError(
        "conflict",
        `The bucket policy of ${setup.destinationBucket} changed while it was being updated: nothing was written. ` +
          "Review the setup again.",
      );
    await applyInventorySetup(client, {
      account,
      region,
      bucket,
      destinationBucket: setup.destinationBucket,
      policy: destinationPolicy,
      sid: String(destinationStatement.Sid),
      request,
    });
  }
  return {
    bucket,
    request: request as unknown as Record<string, unknown>,
    destinationPolicy,
    destinationStatement,
    applied: apply,
    firstReport:
      `S3 delivers the first report to s3://${setup.destinationBucket}/${reportsPrefix(setup.prefix, bucket, request.Id!)}` +
      " within 48 hours, then daily. Until then the audit reads the objects themselves (HeadObject).",
  };
}

async function bucketPolicy(client: ReturnType<typeof s3Client>, bucket: string): Promise<string | null> {
  try {
    return (await client.send(new GetBucketPolicyCommand({ Bucket: bucket }))).Policy ?? null;
  } catch (err) {
    if (isAwsError(err, "NoSuchBucketPolicy")) return null;
    throw awsCallError(err, "GetBucketPolicy", bucket);
  }
}

type SetupWrite = { region: string; bucket: string; destinationBucket: string; sid: string; configurationId: string };

/**
 * Recorded first (lib/changes/write-log.ts), then the policy (S3 checks that it may write to the destination
 * when it delivers, not now) and the configuration; both PUTs are idempotent, so the SDK's retries are safe. A
 * lost answer is settled by reading both back.
 */
async function applyInventorySetup(
  client: S3Client,
  p: {
    account: string;
    region: string;
    bucket: string;
    destinationBucket: string;
    policy: unknown;
    sid: string;
    request: PutBucketInventoryConfigurationCommandInput;
  },
): Promise<void> {
  const request: SetupWrite = {
    region: p.region,
    bucket: p.bucket,
    destinationBucket: p.destinationBucket,
    sid: p.sid,
    configurationId: p.request.Id!,
  };
  const target = `inventory of ${p.bucket} into ${p.destinationBucket}`;
  const write = beginWrite(
    { account: p.account, kind: "inventory-setup", target, user: actingUserName(), request },
    "PutBucketPolicy (destination) and PutBucketInventoryConfiguration sent to S3.",
  );
  const calls = [
    {
      call: "PutBucketPolicy" as const,
      resource: p.destinationBucket,
      run: () =>
        client.send(new PutBucketPolicyCommand({ Bucket: p.destinationBucket, Policy: JSON.stringify(p.policy) })),
    },
    {
      call: "PutBucketInventoryConfiguration" as const,
      resource: p.bucket,
      run: () => client.send(new PutBucketInventoryConfigurationCommand(p.request)),
    },
  ];
  for (const c of calls) {
    try {
      await c.run();
    } catch (err) {
      const e = awsCallError(err, c.call, c.resource);
      const outcome = outcomeOfError(c.call, thrownWrite(err));
      settleWrite(write.id, outcome);
      if (outcome.status === "failed") throw e;
      const checked = await settleInventoryWrite(client, write);
      if (checked.status === "applied") return;
      if (checked.status === "failed") throw new AppError(e.code, `${e.message} Checked afterwards: not in place.`);
      throw new AppError(
        "unverified",
        `The inventory setup for ${p.bucket} may or may not be in place: ${outcome.note} Reading it back failed too; ` +
          "History shows it as unknown until the console can read it.",
      );
    }
  }
  settleWrite(write.id, { status: "applied", note: "S3 accepted both." });
}

/** In place when the destination policy has the statement and the bucket has the configuration. */
async function settleInventoryWrite(
  client: S3Client,
  write: StoredWrite<SetupWrite>,
): Promise<StoredWrite<SetupWrite>> {
  const r = write.request;
  try {
    const [policy, configs] = await Promise.all([
      bucketPolicy(client, r.destinationBucket),
      listInventoryConfigurations(client, r.bucket),
    ]);
    const statements = (policy ? (JSON.parse(policy) as { Statement?: { Sid?: string }[] }).Statement : []) ?? [];
    const inPlace = statements.some((s) => s.Sid === r.sid) && configs.some((c) => c.Id === r.configurationId);
    const note = inPlace
      ? "Checked: the policy statement and the configuration are in place."
      : "Checked: not in place (apply it again).";
    return settleWrite<SetupWrite>(write.id, { status: inPlace ? "applied" : "failed", note }) ?? write;
  } catch (err) {
    const why = err instanceof AppError ? err.message : "unexpected error";
    return settleWrite<SetupWrite>(write.id, { status: "unknown", note: `Checking S3 failed: ${why}` }) ?? write;
  }
}

/** Start-up: inventory setups a crash or a lost answer left unsettled in the current account. */
export async function settleInventoryWrites(statuses: readonly ("pending" | "unknown")[]): Promise<number> {
  const { account } = await callerIdentity();
  let left = 0;
  for (const write of unsettledWrites<SetupWrite>("inventory-setup", statuses)) {
    if (write.account !== account) continue;
    if ((await settleInventoryWrite(s3Client(write.request.region), write)).status === "unknown") left++;
  }
  return left;
}
