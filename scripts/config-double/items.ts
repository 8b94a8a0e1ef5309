// Configuration items for the Config double, of the shape the AWS Config resource schema documents
// for AWS::S3::Bucket (awslabs/aws-config-resource-schema): from moto's real S3 state, each bucket's
// configuration read through the SDK, or (for benchmarks) generated. A recorder keeps each bucket's
// item and gives it a new configurationItemCaptureTime only when its configuration changed, and
// records a bucket that disappeared as ResourceDeleted, as Config's recorder does.
import {
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketReplicationCommand,
  GetBucketVersioningCommand,
  ListBucketsCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";

export type ConfigItem = Record<string, unknown> & {
  accountId: string;
  awsRegion: string;
  resourceName: string;
  configurationItemCaptureTime: string;
  configurationItemStatus: string;
};

export type ItemSource = {
  /** Items in these accounts (and regions, null: all), narrowed by equality conditions where it can. */
  items(
    scope: { accounts: string[]; regions: string[] | null },
    hint: Map<string, string>,
  ): Promise<Iterable<ConfigItem>>;
};

type Supplementary = Record<string, unknown>;

function bucketItem(
  account: string,
  region: string,
  name: string,
  createdAt: string | null,
  supplementary: Supplementary,
  capturedAt: string,
  status: string,
): ConfigItem {
  return {
    version: "1.3",
    accountId: account,
    configurationItemCaptureTime: capturedAt,
    configurationItemStatus: status,
    configurationStateId: String(Date.parse(capturedAt)),
    arn: `arn:aws:s3:::${name}`,
    resourceType: "AWS::S3::Bucket",
    resourceId: name,
    resourceName: name,
    awsRegion: region,
    availabilityZone: "Regional",
    resourceCreationTime: createdAt,
    tags: [],
    relationships: [],
    configuration: { name, creationDate: createdAt },
    supplementaryConfiguration: supplementary,
  };
}

const missing = (err: unknown, ...names: string[]) => names.includes((err as { name?: string }).name ?? "");

/** What Config records about a bucket's encryption, versioning and replication, read through the SDK. */
async function readSupplementary(s3: S3Client, bucket: string): Promise<Supplementary> {
  const [enc, ver, rep] = await Promise.all([
    s3.send(new GetBucketEncryptionCommand({ Bucket: bucket })).catch((err) => {
      if (missing(err, "ServerSideEncryptionConfigurationNotFoundError")) return null;
      throw err;
    }),
    s3.send(new GetBucketVersioningCommand({ Bucket: bucket })),
    s3.send(new GetBucketReplicationCommand({ Bucket: bucket })).catch((err) => {
      if (missing(err, "ReplicationConfigurationNotFoundError")) return null;
      throw err;
    }),
  ]);
  const rules = enc?.ServerSideEncryptionConfiguration?.Rules ?? [];
  return {
    ...(rules.length
      ? {
          ServerSideEncryptionConfiguration: {
            rules: rules.map((r) => ({
              applyServerSideEncryptionByDefault: {
                sseAlgorithm: r.ApplyServerSideEncryptionByDefault?.SSEAlgorithm ?? null,
                kmsMasterKeyID: r.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID ?? null,
              },
              bucketKeyEnabled: r.BucketKeyEnabled ?? false,
            })),
          },
        }
      : {}),
    BucketVersioningConfiguration: { status: ver.Status ?? "Off", isMfaDeleteEnabled: null },
    ...(rep?.ReplicationConfiguration
      ? { BucketReplicationConfiguration: { roleARN: rep.ReplicationConfiguration.Role } }
      : {}),
    IsRequesterPaysEnabled: false,
  };
}

/** Config's recorder over moto: each account is entered with AssumeRole (moto lets a role enter any account). */
export function motoSource(motoUrl: string): ItemSource & { capture(accounts: string[]): Promise<void> } {
  const recorded = new Map<string, { item: ConfigItem; fingerprint: string }>();
  const creds = { accessKeyId: "testing", secretAccessKey: "testing" };
  const sessions = new Map<string, Promise<S3Client>>();
  const s3Of = (account: string, region: string) => {
    const key = `${account}/${region}`;
    if (!sessions.has(key)) sessions.set(key, session(account, region));
    return sessions.get(key)!;
  };
  async function session(account: string, region: string) {
    const sts = new STSClient({ region: "us-east-1", endpoint: motoUrl, credentials: creds });
    const { Credentials: c } = await sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${account}:role/AWSServiceRoleForConfig`,
        RoleSessionName: "config",
      }),
    );
    const credentials = {
      accessKeyId: c!.AccessKeyId!,
      secretAccessKey: c!.SecretAccessKey!,
      sessionToken: c!.SessionToken!,
    };
    return new S3Client({ region, endpoint: motoUrl, forcePathStyle: true, credentials });
  }
  async function capture(accounts: string[]): Promise<void> {
    const now = new Date().toISOString();
    for (const account of accounts) {
      const s3 = await s3Of(account, "us-east-1");
      const listed = (await s3.send(new ListBucketsCommand({}))).Buckets ?? [];
      const seen = new Set<string>();
      for (const b of listed) {
        const name = b.Name!;
        seen.add(name);
        const location = await s3.send(new GetBucketLocationCommand({ Bucket: name }));
        const region = location.LocationConstraint || "us-east-1";
        const supplementary = await readSupplementary(await s3Of(account, region), name);
        const fingerprint = JSON.stringify([region, supplementary]);
        const key = `${account}/${name}`;
        const before = recorded.get(key);
        if (before && before.fingerprint === fingerprint && before.item.configurationItemStatus !== "ResourceDeleted")
          continue;
        const status =
          before && before.item.configurationItemStatus !== "ResourceDeleted" ? "OK" : "ResourceDiscovered";
        const createdAt = b.CreationDate?.toISOString() ?? null;
        recorded.set(key, {
          item: bucketItem(account, region, name, createdAt, supplementary, now, status),
          fingerprint,
        });
      }
      for (const [key, r] of recorded)
        if (
          key.startsWith(`${account}/`) &&
          !seen.has(r.item.resourceName) &&
          r.item.configurationItemStatus !== "ResourceDeleted"
        )
          recorded.set(key, {
            item: {
              ...r.item,
              configurationItemStatus: "ResourceDeleted",
              configurationItemCaptureTime: now,
              supplementaryConfiguration: {},
            },
            fingerprint: "",
          });
    }
  }
  // Queries that arrive together share a capture; one that arrives while a capture runs waits for the
  // next, which starts after it arrived and so sees every change made before the query.
  let running: Promise<void> | null = null;
  let queued: Promise<void> | null = null;
  function freshCapture(accounts: string[]): Promise<void> {
    if (!running) return (running = capture(accounts).finally(() => (running = null)));
    return (queued ??= running.then(() => {
      queued = null;
      return freshCapture(accounts);
    }));
  }
  return {
    capture: freshCapture,
    async items({ accounts, regions }) {
      return [...recorded.values()]
        .map((r) => r.item)
        .filter((i) => accounts.includes(i.accountId) && (!regions || regions.includes(i.awsRegion)));
    },
  };
}

/**
 * A large organization for benchmarks: `perPartition` buckets in each account × region, generated
 * from their index (nothing held): a third SSE-S3, a third SSE-KMS with a Bucket Key, a third
 * without; capture times spread over the 30 days before `until`. touch() changes n of them now.
 */
export function syntheticSource(perPartition: number, until = Date.parse("2026-12-01T00:00:00.000Z")) {
  const changed = new Map<string, ConfigItem>();
  const spread = 30 * 86_400;
  const itemAt = (account: string, region: string, i: number): ConfigItem => {
    const name = `b-${account}-${region}-${i}`;
    const hit = changed.get(name);
    if (hit) return hit;
    const kind = i % 3;
    const keyArn = `arn:aws:kms:${region}:${account}:key/${String(i % 50).padStart(8, "0")}-0000-4000-8000-000000000000`;
    const sse =
      kind === 0
        ? { sseAlgorithm: "AES256", kmsMasterKeyID: null }
        : { sseAlgorithm: "aws:kms", kmsMasterKeyID: keyArn };
    const capturedAt = new Date(until - (((i * 2_654_435_761) >>> 0) % spread) * 1000).toISOString();
    return bucketItem(
      account,
      region,
      name,
      "2024-01-01T00:00:00.000Z",
      {
        ServerSideEncryptionConfiguration: {
          rules: [{ applyServerSideEncryptionByDefault: sse, bucketKeyEnabled: kind === 1 }],
        },
        BucketVersioningConfiguration: { status: i % 4 === 0 ? "Enabled" : "Off", isMfaDeleteEnabled: null },
      },
      capturedAt,
      "OK",
    );
  };
  return {
    /** n buckets spread over the partitions get a Bucket Key (one in ten is deleted instead), captured now. */
    touch(accounts: string[], regions: string[], n: number) {
      const at = new Date().toISOString();
      for (let k = 0; k < n; k++) {
        const account = accounts[k % accounts.length]!;
        const region = regions[Math.floor(k / accounts.length) % regions.length]!;
        const item = itemAt(account, region, (k * 7919) % perPartition);
        const deleted = k % 10 === 9;
        const rule = {
          applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyID: null },
          bucketKeyEnabled: true,
        };
        changed.set(item.resourceName, {
          ...item,
          configurationItemCaptureTime: at,
          configurationItemStatus: deleted ? "ResourceDeleted" : "OK",
          supplementaryConfiguration: deleted ? {} : { ServerSideEncryptionConfiguration: { rules: [rule] } },
        });
      }
    },
    async items({ accounts, regions }: { accounts: string[]; regions: string[] | null }, hint: Map<string, string>) {
      const accountList = hint.has("accountId") ? accounts.filter((a) => a === hint.get("accountId")) : accounts;
      const regionList = (regions ?? []).filter((r) => !hint.has("awsRegion") || r === hint.get("awsRegion"));
      return (function* () {
        for (const a of accountList)
          for (const r of regionList) for (let i = 0; i < perPartition; i++) yield itemAt(a, r, i);
      })();
    },
  } satisfies ItemSource & { touch: unknown };
}
