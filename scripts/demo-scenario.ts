// The demo scenario: buckets over two regions covering every encryption posture the console
// deals with, KMS keys (one disabled), a replication pair and a CloudTrail trail.
// Deterministic (fixed names, configs and object bodies) and idempotent: running it again
// converges on the same state. Seeds an emulator only; refuses any non-loopback endpoint.
import {
  CreateBucketCommand,
  HeadBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutBucketReplicationCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
  type PutObjectCommandInput,
  type ServerSideEncryptionByDefault,
} from "@aws-sdk/client-s3";
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DisableKeyCommand,
  KMSClient,
  ListAliasesCommand,
} from "@aws-sdk/client-kms";
import {
  CloudTrailClient,
  CreateTrailCommand,
  DescribeTrailsCommand,
  StartLoggingCommand,
} from "@aws-sdk/client-cloudtrail";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { seedDemoCloudTrail } from "./demo-cloudtrail";
import { demoBillExport, seedDemoBill } from "./demo-bill";
import { inventorySource, seedDemoInventory } from "./demo-inventory";
import { configOnlyAccount, demoAggregator, seedDemoAggregator } from "./demo-config";

const demoAccount = "123456789012";
const demoRegions = ["us-east-1", "eu-west-1"] as const;
type Region = (typeof demoRegions)[number];

const demoKeys: readonly DemoKey[] = [
  { alias: "alias/orders-data", region: "us-east-1", description: "Orders service data" },
  { alias: "alias/media-assets", region: "us-east-1", description: "Media assets" },
  {
    alias: "alias/legacy-app",
    region: "us-east-1",
    description: "Retired legacy application (disabled)",
    disabled: true,
  },
  { alias: "alias/analytics-eu", region: "eu-west-1", description: "EU analytics" },
  { alias: "alias/replica-eu", region: "eu-west-1", description: "Replicas in eu-west-1" },
];
type DemoKey = { alias: string; region: Region; description: string; disabled?: boolean };

type Encryption =
  { type: "NONE" } | { type: "SSE-S3" } | { type: "SSE-KMS" | "DSSE-KMS"; key: string; bucketKey: boolean };

type DemoBucket = {
  name: string;
  region: Region;
  encryption: Encryption;
  versioned?: boolean;
  /** How the demo objects are written: with the per-object Bucket Key header or without. */
  objectBucketKey?: boolean[];
};

export const trailName = "bkc-demo-trail";
const trailBucket = "bkc-demo-cloudtrail-logs";

export const demoBuckets: DemoBucket[] = [
  { name: "bkc-demo-no-default-encryption", region: "us-east-1", encryption: { type: "NONE" } },
  { name: "bkc-demo-static-site", region: "us-east-1", encryption: { type: "SSE-S3" } },
  {
    name: "bkc-demo-orders",
    region: "us-east-1",
    encryption: { type: "SSE-KMS", key: "alias/orders-data", bucketKey: false },
    objectBucketKey: [false, false, true],
  },
  {
    name: "bkc-demo-invoices",
    region: "us-east-1",
    encryption: { type: "SSE-KMS", key: "alias/orders-data", bucketKey: false },
  },
  {
    name: "bkc-demo-media",
    region: "us-east-1",
    encryption: { type: "SSE-KMS", key: "alias/media-assets", bucketKey: true },
    objectBucketKey: [true, true, false],
  },
  {
    name: "bkc-demo-aws-managed",
    region: "us-east-1",
    encryption: { type: "SSE-KMS", key: "aws/s3", bucketKey: false },
  },
  {
    name: "bkc-demo-dsse-records",
    region: "us-east-1",
    encryption: { type: "DSSE-KMS", key: "alias/orders-data", bucketKey: false },
  },
  {
    name: "bkc-demo-legacy-exports",
    region: "us-east-1",
    encryption: { type: "SSE-KMS", key: "alias/legacy-app", bucketKey: false },
  },
  {
    name: "bkc-demo-replicated-source",
    region: "us-east-1",
    encryption: { type: "SSE-KMS", key: "alias/orders-data", bucketKey: false },
    versioned: true,
  },
  {
    name: "bkc-demo-replica-eu",
    region: "eu-west-1",
    encryption: { type: "SSE-KMS", key: "alias/replica-eu", bucketKey: true },
    versioned: true,
  },
  {
    name: "bkc-demo-analytics-eu",
    region: "eu-west-1",
    encryption: { type: "SSE-KMS", key: "alias/analytics-eu", bucketKey: false },
    objectBucketKey: [false, false],
  },
  {
    name: "bkc-demo-clickstream-eu",
    region: "eu-west-1",
    encryption: { type: "SSE-KMS", key: "alias/analytics-eu", bucketKey: true },
  },
  { name: "bkc-demo-versioned-docs", region: "eu-west-1", encryption: { type: "SSE-S3" }, versioned: true },
  { name: trailBucket, region: "us-east-1", encryption: { type: "SSE-S3" } },
];

/**
 * The second account of the demo, reached through a role like any other account the console
 * serves (moto lets AssumeRole enter any account id), with its own keys, buckets and trail.
 * scripts/demo-accounts.json lists it, and a third account whose role does not trust the console.
 */
export const dataPlatform = {
  account: "210987654321",
  roleArn: "arn:aws:iam::210987654321:role/BucketKeyConsole",
  keys: [
    { alias: "alias/events-data", region: "us-east-1", description: "Event stream data" },
    { alias: "alias/warehouse-eu", region: "eu-west-1", description: "EU warehouse" },
  ] satisfies DemoKey[],
  buckets: [
    {
      name: "bkc-dp-events",
      region: "us-east-1",
      encryption: { type: "SSE-KMS", key: "alias/events-data", bucketKey: false },
    },
    {
      name: "bkc-dp-warehouse-eu",
      region: "eu-west-1",
      encryption: { type: "SSE-KMS", key: "alias/warehouse-eu", bucketKey: true },
      versioned: true,
    },
    { name: "bkc-dp-scratch", region: "us-east-1", encryption: { type: "SSE-S3" } },
    { name: "bkc-dp-cloudtrail-logs", region: "us-east-1", encryption: { type: "SSE-S3" } },
  ] satisfies DemoBucket[],
  trail: { name: "bkc-dp-trail", bucket: "bkc-dp-cloudtrail-logs" },
};

function assertLoopbackEndpoint(endpoint: string | undefined): string {
  if (!endpoint)
    throw new Error("Refusing to seed: AWS_ENDPOINT_URL is not set, so this would write to a real AWS account.");
  const host = new URL(endpoint).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) {
    throw new Error(`Refusing to seed ${endpoint}: demo data goes only to an emulator on the loopback interface.`);
  }
  return endpoint;
}

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
const credentials: Credentials = { accessKeyId: "testing", secretAccessKey: "testing" };

function demoClients(endpoint: string, as: Credentials = credentials) {
  const credentials = as;
  const s3 = (region: string) => new S3Client({ region, endpoint, forcePathStyle: true, credentials });
  const kms = (region: string) => new KMSClient({ region, endpoint, credentials });
  return { s3, kms, cloudTrail: (region: string) => new CloudTrailClient({ region, endpoint, credentials }) };
}

/** Credentials in another account, as the console gets them: AssumeRole. */
async function assumeDemoRole(endpoint: string, roleArn: string): Promise<Credentials> {
  const out = await new STSClient({ region: "us-east-1", endpoint, credentials }).send(
    new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "bkc-demo-seed" }),
  );
  const c = out.Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
}

/** Creates the demo keys (once, found again by alias) and returns alias → key ARN. */
async function ensureKeys(
  clients: ReturnType<typeof demoClients>,
  account: string,
  keys: readonly DemoKey[],
): Promise<Map<string, string>> {
  const { kms } = clients;
  const arns = new Map<string, string>();
  for (const region of demoRegions) {
    const client = kms(region);
    const existing = new Map(
      ((await client.send(new ListAliasesCommand({}))).Aliases ?? []).map((a) => [a.AliasName, a.TargetKeyId]),
    );
    for (const key of keys.filter((k) => k.region === region)) {
      let keyId = existing.get(key.alias);
      if (!keyId) {
        const created = await client.send(
          new CreateKeyCommand({
            Description: key.description,
            Tags: [{ TagKey: "demo", TagValue: "bucket-key-console" }],
          }),
        );
        keyId = created.KeyMetadata!.KeyId!;
        await client.send(new CreateAliasCommand({ AliasName: key.alias, TargetKeyId: keyId }));
      }
      if (key.disabled) await client.send(new DisableKeyCommand({ KeyId: keyId }));
      arns.set(key.alias, `arn:aws:kms:${region}:${account}:key/${keyId}`);
    }
  }
  return arns;
}

function sseDefault(encryption: Encryption, keys: Map<string, string>): ServerSideEncryptionByDefault | null {
  switch (encryption.type) {
    case "NONE":
      return null;
    case "SSE-S3":
      return { SSEAlgorithm: "AES256" };
    default: {
      const algorithm = encryption.type === "DSSE-KMS" ? "aws:kms:dsse" : "aws:kms";
      return encryption.key === "aws/s3"
        ? { SSEAlgorithm: algorithm }
        : { SSEAlgorithm: algorithm, KMSMasterKeyID: keys.get(encryption.key) };
    }
  }
}

async function ensureBucket(s3: S3Client, name: string, region: string) {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: name }));
  } catch {
    await s3.send(
      new CreateBucketCommand({
        Bucket: name,
        ...(region === "us-east-1" ? {} : { CreateBucketConfiguration: { LocationConstraint: region as "eu-west-1" } }),
      }),
    );
  }
}

async function ensureBuckets(
  clients: ReturnType<typeof demoClients>,
  buckets: readonly DemoBucket[],
  keys: Map<string, string>,
) {
  for (const b of buckets) {
    const s3 = clients.s3(b.region);
    await ensureBucket(s3, b.name, b.region);
    if (b.versioned)
      await s3.send(new PutBucketVersioningCommand({ Bucket: b.name, VersioningConfiguration: { Status: "Enabled" } }));
    const sse = sseDefault(b.encryption, keys);
    if (sse) {
      const bucketKey = "bucketKey" in b.encryption ? b.encryption.bucketKey : false;
      await s3.send(
        new PutBucketEncryptionCommand({
          Bucket: b.name,
          ServerSideEncryptionConfiguration: {
            Rules: [{ ApplyServerSideEncryptionByDefault: sse, BucketKeyEnabled: bucketKey }],
          },
        }),
      );
    }
    await writeObjects(s3, b, sse);
  }
}

/** `now`: the day the demo's 60 days of usage end at (its UTC midnight); tests pin a day, the demo uses today. */
export async function seedDemo(
  endpointInput: string | undefined,
  log: (m: string) => void = () => {},
  now = new Date(),
) {
  const endpoint = assertLoopbackEndpoint(endpointInput);
  const clients = demoClients(endpoint);
  const keys = await ensureKeys(clients, demoAccount, demoKeys);
  log(`keys: ${[...keys.keys()].join(", ")}`);
  await ensureBuckets(clients, demoBuckets, keys);

  await clients.s3("us-east-1").send(
    new PutBucketReplicationCommand({
      Bucket: "bkc-demo-replicated-source",
      ReplicationConfiguration: {
        Role: `arn:aws:iam::${demoAccount}:role/bkc-demo-replication`,
        Rules: [
          {
            ID: "replicate-to-eu",
            Status: "Enabled",
            Priority: 1,
            Filter: { Prefix: "" },
            DeleteMarkerReplication: { Status: "Disabled" },
            SourceSelectionCriteria: { SseKmsEncryptedObjects: { Status: "Enabled" } },
            Destination: {
              Bucket: "arn:aws:s3:::bkc-demo-replica-eu",
              EncryptionConfiguration: { ReplicaKmsKeyID: keys.get("alias/replica-eu") },
            },
          },
        ],
      },
    }),
  );

  await ensureTrail(clients, demoAccount, { name: trailName, bucket: trailBucket });
  log(`buckets: ${demoBuckets.length} in ${demoRegions.join(", ")}; trail ${trailName} → s3://${trailBucket}`);
  const logs = await seedDemoCloudTrail(clients.s3("us-east-1"), trailBucket, demoAccount, now, "main", keys);
  log(`CloudTrail log files: ${logs.written} written (${logs.records} records), ${logs.existing} already there`);
  const inventory = await seedDemoInventory(
    clients.s3("us-east-1"),
    keys.get("alias/legacy-app")!,
    demoAccount,
    trailBucket,
  );
  log(
    `S3 Inventory of ${inventorySource}: report of ${inventory.objects} objects at s3://${trailBucket}/${inventory.manifestKey}`,
  );

  const dp = demoClients(endpoint, await assumeDemoRole(endpoint, dataPlatform.roleArn));
  const dpKeys = await ensureKeys(dp, dataPlatform.account, dataPlatform.keys);
  await ensureBuckets(dp, dataPlatform.buckets, dpKeys);
  await ensureTrail(dp, dataPlatform.account, dataPlatform.trail);
  const dpLogs = await seedDemoCloudTrail(
    dp.s3("us-east-1"),
    dataPlatform.trail.bucket,
    dataPlatform.account,
    now,
    "data-platform",
    dpKeys,
  );
  log(
    `account ${dataPlatform.account} (data-platform): ${dataPlatform.buckets.length} buckets, ${dpLogs.written} CloudTrail log files written`,
  );
  await seedDemoAggregator(endpoint, [demoAccount, dataPlatform.account]);
  log(
    `AWS Config aggregator ${demoAggregator.name} (${demoAggregator.region}), with member ${configOnlyAccount} (no role)`,
  );
  const bill = await seedDemoBill(clients.s3("us-east-1"), trailBucket, [
    { id: demoAccount, calls: logs.calls, keyArns: keys },
    { id: dataPlatform.account, calls: dpLogs.calls, keyArns: dpKeys },
  ]);
  log(
    `Data Export (CUR 2.0, Parquet): ${bill.lines} lines for ${bill.months.join(", ")} at ` +
      `s3://${trailBucket}/${demoBillExport.prefix}/${demoBillExport.exportName}/`,
  );
  return { keys };
}

async function writeObjects(s3: S3Client, b: DemoBucket, sse: ServerSideEncryptionByDefault | null) {
  const perObject = b.objectBucketKey ?? [false, false];
  for (const [i, bucketKey] of perObject.entries()) {
    const input: PutObjectCommandInput = {
      Bucket: b.name,
      Key: `demo/object-${i + 1}.json`,
      Body: JSON.stringify({ bucket: b.name, object: i + 1 }),
      ContentType: "application/json",
    };
    // Objects in SSE-KMS buckets name their encryption explicitly so that some carry the
    // per-object Bucket Key header and some do not, as in a bucket with history.
    if (sse?.SSEAlgorithm === "aws:kms") {
      input.ServerSideEncryption = "aws:kms";
      if (sse.KMSMasterKeyID) input.SSEKMSKeyId = sse.KMSMasterKeyID;
      input.BucketKeyEnabled = bucketKey;
    }
    await s3.send(new PutObjectCommand(input));
  }
}

async function ensureTrail(
  clients: ReturnType<typeof demoClients>,
  account: string,
  trail: { name: string; bucket: string },
) {
  const { s3, cloudTrail } = clients;
  const trailBucket = trail.bucket;
  await s3("us-east-1").send(
    new PutBucketPolicyCommand({
      Bucket: trailBucket,
      Policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "AWSCloudTrailAclCheck",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "s3:GetBucketAcl",
            Resource: `arn:aws:s3:::${trailBucket}`,
          },
          {
            Sid: "AWSCloudTrailWrite",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: `arn:aws:s3:::${trailBucket}/AWSLogs/${account}/*`,
            Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control" } },
          },
        ],
      }),
    }),
  );
  const ct = cloudTrail("us-east-1");
  const trails = await ct.send(new DescribeTrailsCommand({ trailNameList: [trail.name] }));
  if (!trails.trailList?.length) {
    await ct.send(
      new CreateTrailCommand({
        Name: trail.name,
        S3BucketName: trailBucket,
        IsMultiRegionTrail: true,
        IncludeGlobalServiceEvents: true,
      }),
    );
  }
  await ct.send(new StartLoggingCommand({ Name: trail.name }));
}

// CLI: `tsx scripts/demo-scenario.ts` seeds the emulator named by AWS_ENDPOINT_URL.
if (import.meta.url === `file://${process.argv[1]}`) {
  seedDemo(process.env.AWS_ENDPOINT_URL, (m) => console.log(`[seed] ${m}`)).catch((err) => {
    console.error(`[seed] failed: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  });
}
