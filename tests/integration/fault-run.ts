// The fault run shared by the fault test (small N, in `npm test`) and bench/fault-run.ts (300
// buckets): buckets seeded straight into moto, an inventory scan and Bucket Key changes through the
// seeded fault proxy by a client that retries with a fresh version after an error, the unknown
// changes settled, then every bucket checked: S3 == History == inventory. The caller points
// AWS_ENDPOINT_URL at the proxy and CONSOLE_DATA_DIR at a fresh directory before importing this.
import {
  CreateBucketCommand,
  GetBucketEncryptionCommand,
  PutBucketEncryptionCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { CreateKeyCommand, KMSClient } from "@aws-sdk/client-kms";
import type { EncryptionConfig } from "@/lib/contracts/encryption-config";
import { currentEncryptionSchema } from "@/lib/contracts/encryption";
import { apiRequest, jsonOf, routeContext, sseKmsConfiguration } from "./helpers";
import type { SeededFaultProxy } from "./seeded-fault-proxy";
import { mapLimit } from "@/lib/runtime/concurrency";

const encryptionRoute = await import("@/app/api/buckets/[name]/encryption/route");
const { scanInventoryNow } = await import("./helpers");
const { listChanges } = await import("@/lib/changes/store");
const { storedPosture } = await import("@/lib/inventory/store");
const { reconcileUnsettled } = await import("@/lib/encryption/reconcile");
const { sameConfiguration } = await import("@/lib/encryption/change");
const { currentAccountId } = await import("@/lib/accounts/accounts");

const credentials = { accessKeyId: "testing", secretAccessKey: "testing" };
const acknowledged = ["existing-objects", "replication", "encryption-context", "request-rate", "key-policy"];

type FaultRunOptions = {
  moto: string;
  proxy: SeededFaultProxy;
  buckets: number;
  changes: number;
  label: string;
  /**
   * On top of the random faults: the first PUT of this many buckets loses its answer on every attempt the SDK
   * makes (S3 makes the change), and for every other one of them the reads after it fail too. Random faults
   * alone rarely beat four attempts at small N; these make sure the record-first paths run in the test.
   */
  lostAnswers?: number;
};

/** Each bucket's planned Bucket Key states after the first: on, then off again for the first ones. */
function plan(names: readonly string[], changes: number): { bucket: string; wants: boolean[] }[] {
  return names.map((bucket, i) => ({
    bucket,
    wants: [true, false, true].slice(0, Math.floor(changes / names.length) + (i < changes % names.length ? 1 : 0)),
  }));
}

export async function runFaultScenario({ moto, proxy, buckets, changes, label, lostAnswers = 0 }: FaultRunOptions) {
  const s3 = new S3Client({ region: "us-east-1", endpoint: moto, forcePathStyle: true, credentials });
  const keyArn = (
    await new KMSClient({ region: "us-east-1", endpoint: moto, credentials }).send(new CreateKeyCommand({}))
  ).KeyMetadata!.Arn!;
  const names = Array.from({ length: buckets }, (_, i) => `${label}-${String(i).padStart(4, "0")}`);
  const rule = (bucketKey: boolean) => sseKmsConfiguration(keyArn, bucketKey);
  proxy.stop();
  await mapLimit(names, 8, async (Bucket) => {
    await s3.send(new CreateBucketCommand({ Bucket }));
    await s3.send(new PutBucketEncryptionCommand({ Bucket, ServerSideEncryptionConfiguration: rule(false) }));
  });

  proxy.start();
  const started = performance.now();
  const scan = await scanInventoryNow();
  const answers: Record<string, number> = {};
  const count = (k: string) => (answers[k] = (answers[k] ?? 0) + 1);
  const steps = plan(names, changes);
  let sent = 0;
  await mapLimit(steps, 4, async ({ bucket, wants }) => {
    const i = steps.findIndex((s) => s.bucket === bucket);
    if (i < lostAnswers) loseAnswers(proxy, bucket, i % 2 === 1);
    for (const want of wants) {
      sent++;
      await changeUntilDone(bucket, { type: "SSE-KMS", kmsKeyId: keyArn, bucketKeyEnabled: want }, count);
    }
  });
  const changesTime = performance.now() - started;
  // Settle what is still unknown while the faults go on: the background checker would, only later.
  let left = await reconcileUnsettled(["pending", "unknown"]);
  for (let round = 0; left.length && round < 20; round++) left = await reconcileUnsettled(["pending", "unknown"]);
  const faults = proxy.counts();
  proxy.stop();

  const account = await currentAccountId();
  const problems: string[] = [];
  let shownAsError = 0;
  let wentUnknown = 0;
  for (const { bucket, wants } of steps) {
    const s3Now = (await s3.send(new GetBucketEncryptionCommand({ Bucket: bucket })))
      .ServerSideEncryptionConfiguration!;
    const final = wants.at(-1) ?? false;
    if (s3Now.Rules?.[0]?.BucketKeyEnabled !== final) problems.push(`${bucket}: S3 has Bucket Key ${!final}`);
    const history = listChanges({ bucket }).reverse();
    const unsettled = history.filter((c) => c.status === "pending" || c.status === "unknown");
    if (unsettled.length) problems.push(`${bucket}: ${unsettled.length} change(s) still ${unsettled[0]!.status}`);
    const applied = history.filter((c) => c.status === "applied");
    wentUnknown += history.filter((c) => c.steps.some((s) => s.status === "unknown")).length;
    // Every transition S3 made is one applied change, chained: none lost, none doubled.
    if (applied.length !== wants.length) problems.push(`${bucket}: ${applied.length} applied, ${wants.length} made`);
    applied.forEach((c, i) => {
      const from = i === 0 ? rule(false) : applied[i - 1]!.afterRaw;
      if (!sameConfiguration(c.beforeRaw, from)) problems.push(`${bucket}: change #${c.id} does not follow on`);
      if (c.after.bucketKeyEnabled !== wants[i]) problems.push(`${bucket}: change #${c.id} records the wrong state`);
    });
    if (!sameConfiguration(applied.at(-1)?.afterRaw ?? rule(false), s3Now as EncryptionConfig))
      problems.push(`${bucket}: History's last applied change is not what S3 holds`);
    const row = storedPosture(account, bucket);
    // A bucket the scan could not read (and no change re-read since) is shown as an error: not wrong.
    if (!row?.encryption && row?.error) {
      shownAsError++;
      continue;
    }
    if (row?.encryption?.bucketKeyEnabled !== final || row.encryption.kmsKeyArn !== keyArn)
      problems.push(`${bucket}: the inventory shows ${JSON.stringify(row?.encryption ?? row?.error)}`);
    if (row?.error?.code === "unverified_change") problems.push(`${bucket}: the inventory row is still stale`);
  }
  return {
    buckets,
    changes: sent,
    answers,
    faults,
    scan: { done: scan.done, errors: scan.errors },
    unsettledAfterReconcile: left.length,
    shownAsError,
    /** Changes whose outcome was lost at some point and settled by reading S3. */
    wentUnknown,
    seconds: changesTime / 1000,
    problems,
  };
}

const sdkAttempts = 4; // lib/aws/client-config.ts

function loseAnswers(proxy: SeededFaultProxy, bucket: string, thenReadsFail: boolean) {
  let left = sdkAttempts;
  proxy.force({
    method: "PUT",
    query: "encryption",
    path: `/${bucket}`,
    kind: "reset-after-answer",
    times: sdkAttempts,
    afterAnswer: () => {
      if (--left === 0 && thenReadsFail)
        proxy.force({ method: "GET", query: "encryption", path: `/${bucket}`, kind: "s3-internal-error", times: 4 });
    },
  });
}

/** The retrying client: read the current version, stop if the bucket is already as wanted, else PUT with it. */
type Proposal = { type: "SSE-KMS"; kmsKeyId: string; bucketKeyEnabled: boolean };

async function changeUntilDone(bucket: string, config: Proposal, count: (status: string) => void) {
  for (let attempt = 0; attempt < 30; attempt++) {
    const got = await encryptionRoute.GET(
      apiRequest(`/api/buckets/${bucket}/encryption`),
      routeContext({ name: bucket }),
    );
    // Under injected faults a read may fail: only a good one (read through its schema) is acted on.
    if (got.status !== 200) continue;
    const current = await jsonOf(got, currentEncryptionSchema);
    if (current.encryption.bucketKeyEnabled === config.bucketKeyEnabled) return;
    const res = await encryptionRoute.PUT(
      apiRequest(`/api/buckets/${bucket}/encryption`, {
        method: "PUT",
        body: {
          config,
          expectedVersion: current.version,
          acknowledgedWarnings: acknowledged,
        },
      }),
      routeContext({ name: bucket }),
    );
    // Raw on purpose: the run tallies whatever each attempt answered (success or any error) under faults.
    const body = (await res.json()) as { error?: { code: string } };
    count(res.ok ? String(res.status) : `${res.status} ${body.error?.code}`);
    if (res.ok) return;
  }
  throw new Error(`${bucket}: no answer settled the change to Bucket Key ${config.bucketKeyEnabled} in 30 attempts`);
}
