// Several accounts against moto: a member account reached through AssumeRole (moto lets a role
// ARN enter any account id), and one whose role does not trust the console (AssumeRole answered
// AccessDenied by scripts/demo-role-guard.mjs, as STS would).
import assert from "node:assert/strict";
import { randomInt } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import {
  CreateBucketCommand,
  GetBucketEncryptionCommand,
  PutBucketEncryptionCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { CreateKeyCommand, KMSClient } from "@aws-sdk/client-kms";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { startRoleGuard } from "../../scripts/demo-role-guard.mjs";
import { accountsSchema } from "@/lib/contracts/accounts";
import { applyResultSchema, changesSchema, currentEncryptionSchema } from "@/lib/contracts/encryption";
import { bucketPageSchema, scanStatusSchema } from "@/lib/contracts/bucket-list";
import { apiRequest, createBucket, errorOf, jsonOf, motoUrl, routeContext, uniqueName } from "./helpers";

const member = String(randomInt(200_000_000_000, 299_999_999_999));
const locked = String(randomInt(300_000_000_000, 399_999_999_999));
const roleOf = (id: string) => `arn:aws:iam::${id}:role/BucketKeyConsole`;
const guard = await startRoleGuard({ target: motoUrl(), deniedRoles: [roleOf(locked)] });
const dir = mkdtempSync(path.join(tmpdir(), "bkc-accounts-"));
writeFileSync(
  path.join(dir, "accounts.json"),
  JSON.stringify({
    accounts: [
      { id: member, name: "member", roleArn: roleOf(member) },
      { id: locked, name: "locked", roleArn: roleOf(locked) },
    ],
  }),
);
// The console reaches AWS through the guard; the test seeds moto directly.
process.env.AWS_ENDPOINT_URL = guard.url;
process.env.CONSOLE_ACCOUNTS_FILE = path.join(dir, "accounts.json");

const bucketsRoute = await import("@/app/api/buckets/route");
const scanRoute = await import("@/app/api/inventory/scan/route");
const { scanFinished } = await import("@/lib/inventory/scan");
const { inEachAccount } = await import("@/lib/accounts/each-account");
const accountsRoute = await import("@/app/api/accounts/route");
const encryptionRoute = await import("@/app/api/buckets/[name]/encryption/route");
const changesRoute = await import("@/app/api/changes/route");
const rollbackRoute = await import("@/app/api/changes/[id]/rollback/route");

let memberS3: S3Client;
let memberKeyArn = "";
const memberBucket = uniqueName("member");
const consoleBucket = uniqueName("own");

before(async () => {
  const c = (
    await new STSClient({
      region: "us-east-1",
      endpoint: motoUrl(),
      credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
    }).send(new AssumeRoleCommand({ RoleArn: roleOf(member), RoleSessionName: "it" }))
  ).Credentials!;
  const credentials = {
    accessKeyId: c.AccessKeyId!,
    secretAccessKey: c.SecretAccessKey!,
    sessionToken: c.SessionToken!,
  };
  memberS3 = new S3Client({ region: "us-east-1", endpoint: motoUrl(), forcePathStyle: true, credentials });
  memberKeyArn = (
    await new KMSClient({ region: "us-east-1", endpoint: motoUrl(), credentials }).send(new CreateKeyCommand({}))
  ).KeyMetadata!.Arn!;
  await memberS3.send(new CreateBucketCommand({ Bucket: memberBucket }));
  await memberS3.send(
    new PutBucketEncryptionCommand({
      Bucket: memberBucket,
      ServerSideEncryptionConfiguration: {
        Rules: [
          {
            ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: memberKeyArn },
            BucketKeyEnabled: false,
          },
        ],
      },
    }),
  );
  await createBucket(consoleBucket);
});

after(() => guard.close());

const get = (
  route: { GET: (r: never, c: never) => Promise<Response> },
  url: string,
  params: Record<string, string> = {},
) => route.GET(apiRequest(url) as never, routeContext(params) as never);

test("all accounts: each account's buckets under its id, and a role that cannot be assumed shown as such without hiding the others", async () => {
  const scanned = await scanRoute.POST(
    apiRequest("/api/inventory/scan?account=all", { method: "POST" }),
    routeContext(),
  );
  await jsonOf(scanned, scanStatusSchema, 202);
  await inEachAccount(() => scanFinished());
  const body = await jsonOf(await get(bucketsRoute, "/api/buckets?account=all"), bucketPageSchema);
  const byId = Object.fromEntries(body.accounts.map((a) => [a.id, a]));
  assert.equal(byId[member]?.status, "ok");
  assert.equal(byId[member]?.buckets, 1);
  assert.equal(byId[locked]?.status, "error");
  assert.equal(byId[locked]?.error?.code, "access_denied");
  assert.match(
    byId[locked]?.error?.message ?? "",
    new RegExp(`Cannot assume ${roleOf(locked)} for account ${locked}: access denied.*trust policy`),
  );
  const own = body.accounts.find((a) => a.source === "console");
  assert.equal(own?.status, "ok");
  const memberRow = body.buckets.find((b) => b.name === memberBucket);
  assert.equal(memberRow?.account, member);
  assert.equal(memberRow?.candidate, true);
  assert.equal(body.buckets.find((b) => b.name === consoleBucket)?.account, own?.id);
  assert.equal(body.summary.total, body.buckets.length);
});

test("one account: only its buckets; the console's own account by default", async () => {
  const memberOnly = await jsonOf(await get(bucketsRoute, `/api/buckets?account=${member}`), bucketPageSchema);
  assert.deepEqual(
    memberOnly.buckets.map((b) => b.name),
    [memberBucket],
  );
  const own = await jsonOf(await get(bucketsRoute, "/api/buckets"), bucketPageSchema);
  assert.ok(own.buckets.some((b) => b.name === consoleBucket));
  assert.ok(!own.buckets.some((b) => b.name === memberBucket));
  // Pages answer from the store: the account whose scan could not assume its role says why.
  const denied = await jsonOf(await get(bucketsRoute, `/api/buckets?account=${locked}`), bucketPageSchema);
  assert.deepEqual(denied.buckets, []);
  assert.equal(denied.accounts[0]?.error?.code, "access_denied");
  assert.match(denied.accounts[0]?.error?.message ?? "", /trust policy/);
});

test("the account parameter is checked: unknown, malformed, or 'all' where one account is needed", async () => {
  const unknown = await errorOf(await get(bucketsRoute, "/api/buckets?account=999999999999"), 404, "not_found");
  assert.match(
    unknown.message,
    new RegExp(`Account 999999999999 is not one of the console's accounts \\(.*${member}.*\\)`),
  );
  const malformed = await errorOf(await get(bucketsRoute, "/api/buckets?account=prod"), 400, "invalid_input");
  assert.match(malformed.message, /12-digit account id or all/);
  const notAll = await get(encryptionRoute, `/api/buckets/${memberBucket}/encryption?account=all`, {
    name: memberBucket,
  });
  assert.match((await errorOf(notAll, 400, "invalid_input")).message, /works on one account at a time/);
});

test("accounts list: each account with whether the console can reach it", async () => {
  const body = await jsonOf(await get(accountsRoute, "/api/accounts"), accountsSchema);
  assert.deepEqual(
    body.accounts.filter((a) => a.source === "file").map((a) => [a.id, a.status]),
    [
      [member, "ok"],
      [locked, "error"],
    ],
  );
});

test("a change in a member account is made there, recorded with its account, and rolled back there", async () => {
  const current = await jsonOf(
    await get(encryptionRoute, `/api/buckets/${memberBucket}/encryption?account=${member}`, { name: memberBucket }),
    currentEncryptionSchema,
  );
  const put = await encryptionRoute.PUT(
    apiRequest(`/api/buckets/${memberBucket}/encryption?account=${member}`, {
      method: "PUT",
      body: {
        config: { type: "SSE-KMS", kmsKeyId: memberKeyArn, bucketKeyEnabled: true },
        expectedVersion: current.version,
        acknowledgedWarnings: ["existing-objects", "replication", "encryption-context", "request-rate", "key-policy"],
      },
    }),
    routeContext({ name: memberBucket }),
  );
  const applied = await jsonOf(put, applyResultSchema);
  assert.equal(applied.change.account, member);
  // The role session names who acted (the local user of a console without sign-in): CloudTrail shows it.
  assert.equal(applied.change.actor, `arn:aws:sts::${member}:assumed-role/BucketKeyConsole/bkc-local`);
  const stored = await memberS3.send(new GetBucketEncryptionCommand({ Bucket: memberBucket }));
  assert.equal(stored.ServerSideEncryptionConfiguration!.Rules![0]!.BucketKeyEnabled, true);

  const inMember = await jsonOf(await get(changesRoute, `/api/changes?account=${member}`), changesSchema);
  assert.deepEqual(
    inMember.changes.map((c) => c.bucket),
    [memberBucket],
  );
  const inOwn = await jsonOf(await get(changesRoute, "/api/changes"), changesSchema);
  assert.ok(!inOwn.changes.some((c) => c.bucket === memberBucket));
  const everywhere = await jsonOf(await get(changesRoute, "/api/changes?account=all"), changesSchema);
  assert.ok(everywhere.changes.some((c) => c.id === applied.change.id));

  // No account parameter: the rollback finds the change's account itself.
  const rolledBack = await rollbackRoute.POST(
    apiRequest(`/api/changes/${applied.change.id}/rollback`, { method: "POST" }),
    routeContext({ id: String(applied.change.id) }),
  );
  const rollback = await jsonOf(rolledBack, applyResultSchema);
  assert.deepEqual([rollback.change.kind, rollback.change.account], ["rollback", member]);
  const restored = await memberS3.send(new GetBucketEncryptionCommand({ Bucket: memberBucket }));
  assert.equal(restored.ServerSideEncryptionConfiguration!.Rules![0]!.BucketKeyEnabled, false);
});

test("a signed-in person's work in a member account runs in a role session named after them", async () => {
  const { asUser, inAccount } = await import("@/lib/aws/account-context");
  const { findAccount } = await import("@/lib/accounts/accounts");
  const { callerIdentity } = await import("@/lib/aws/identity");
  const { cachedClient, defaultRegion } = await import("@/lib/aws/client-config");
  // What the console asks STS (its own client): the AssumeRole parameters, as sent.
  const sts = cachedClient("sts", STSClient, await defaultRegion(), "console", () => ({}));
  const assumed: { RoleSessionName?: string; SourceIdentity?: string }[] = [];
  sts.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === "AssumeRoleCommand") assumed.push(args.input as never);
      return next(args);
    },
    { step: "initialize", name: "recordAssumeRole" },
  );
  const alice = { id: "u-alice", name: "alice@example.com", method: "oidc" } as const;
  const account = await findAccount(member);
  const identity = await asUser(alice, () => inAccount(account, () => callerIdentity()));
  assert.equal(identity.arn, `arn:aws:sts::${member}:assumed-role/BucketKeyConsole/bkc-alice@example.com`);
  assert.deepEqual(
    assumed.map((a) => [a.RoleSessionName, a.SourceIdentity]),
    [["bkc-alice@example.com", "alice@example.com"]],
  );
  // Background work (no person) keeps the console's own session.
  const background = await inAccount(account, () => callerIdentity());
  assert.equal(background.arn, `arn:aws:sts::${member}:assumed-role/BucketKeyConsole/bucket-key-console`);
});

test("account=all is the configured accounts: one the store still holds but the configuration no longer names is not shown", async () => {
  // What an account removed from the accounts file leaves behind: its account row and a bucket row in the store.
  const removed = String(randomInt(400_000_000_000, 499_999_999_999));
  const removedBucket = uniqueName("removed");
  const { rememberAccount } = await import("@/lib/inventory/accounts");
  const { notScanned, writePosture } = await import("@/lib/inventory/store");
  rememberAccount(removed, removed, { name: "removed", source: "file", roleArn: roleOf(removed) });
  writePosture(notScanned(removed, removedBucket, null, "us-east-1"));

  const page = await jsonOf(await get(bucketsRoute, "/api/buckets?account=all&limit=500"), bucketPageSchema);
  assert.ok(!page.accounts.some((a) => a.id === removed), "the removed account is not listed");
  assert.ok(!page.buckets.some((b) => b.name === removedBucket), "nor its buckets");
  assert.ok(
    page.accounts.some((a) => a.id === member),
    "the configured ones still are",
  );
  const scan = await jsonOf(await get(scanRoute, "/api/inventory/scan?account=all"), scanStatusSchema);
  assert.ok(!scan.accounts.some((a) => a.id === removed));
});
