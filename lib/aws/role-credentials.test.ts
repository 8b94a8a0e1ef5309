import assert from "node:assert/strict";
import { test } from "node:test";
import {
  assumeWithSourceIdentity,
  createRoleCredentialCache,
  refreshMarginMs,
  type RoleCredentials,
  type RoleTarget,
} from "./role-credentials";

const target: RoleTarget = { id: "222222222222", roleArn: "arn:aws:iam::222222222222:role/Console", externalId: null };

function fakeSts(lifetimeMs: number) {
  let clock = 0;
  const calls: RoleTarget[] = [];
  const assume = async (t: RoleTarget): Promise<RoleCredentials> => {
    calls.push(t);
    return {
      accessKeyId: `AK${calls.length}`,
      secretAccessKey: "s",
      sessionToken: "t",
      expiration: new Date(clock + lifetimeMs),
    };
  };
  return { assume, calls, now: () => clock, advance: (ms: number) => (clock += ms) };
}

test("one AssumeRole serves concurrent and later callers until the refresh margin", async () => {
  const sts = fakeSts(60 * 60_000);
  const credentialsFor = createRoleCredentialCache(sts.assume, sts.now);
  const [a, b] = await Promise.all([credentialsFor(target), credentialsFor(target)]);
  assert.equal(a.accessKeyId, "AK1");
  assert.equal(b.accessKeyId, "AK1");
  sts.advance(60 * 60_000 - refreshMarginMs - 1);
  assert.equal((await credentialsFor(target)).accessKeyId, "AK1");
  assert.equal(sts.calls.length, 1);
});

test("credentials are renewed before they expire, not after", async () => {
  const sts = fakeSts(60 * 60_000);
  const credentialsFor = createRoleCredentialCache(sts.assume, sts.now);
  await credentialsFor(target);
  sts.advance(60 * 60_000 - refreshMarginMs);
  const renewed = await credentialsFor(target);
  assert.equal(renewed.accessKeyId, "AK2");
  assert.ok(renewed.expiration.getTime() > sts.now() + refreshMarginMs, "renewed credentials outlive the margin");
});

test("a failed AssumeRole is not remembered: the next call tries again", async () => {
  let fail = true;
  const credentialsFor = createRoleCredentialCache(async () => {
    if (fail) throw new Error("AccessDenied");
    return { accessKeyId: "AK", secretAccessKey: "s", sessionToken: "t", expiration: new Date(Date.now() + 3_600_000) };
  });
  await assert.rejects(credentialsFor(target), /AccessDenied/);
  fail = false;
  assert.equal((await credentialsFor(target)).accessKeyId, "AK");
});

test("accounts and external ids get their own credentials", async () => {
  const sts = fakeSts(60 * 60_000);
  const credentialsFor = createRoleCredentialCache(sts.assume, sts.now);
  await credentialsFor(target);
  await credentialsFor({ ...target, externalId: "ext-1" });
  await credentialsFor({ id: "333333333333", roleArn: "arn:aws:iam::333333333333:role/Console", externalId: null });
  assert.equal(sts.calls.length, 3);
});

test("each person gets their own session: credentials are held per session name", async () => {
  const sts = fakeSts(60 * 60_000);
  const credentialsFor = createRoleCredentialCache(sts.assume, sts.now);
  const alice = { ...target, session: { name: "bkc-alice", sourceIdentity: "alice" } };
  const bob = { ...target, session: { name: "bkc-bob", sourceIdentity: "bob" } };
  assert.equal((await credentialsFor(alice)).accessKeyId, "AK1");
  assert.equal((await credentialsFor(bob)).accessKeyId, "AK2");
  assert.equal((await credentialsFor(alice)).accessKeyId, "AK1");
  assert.deepEqual(
    sts.calls.map((c) => c.session?.name),
    ["bkc-alice", "bkc-bob"],
  );
});

test("SourceIdentity where the trust allows it; a role that refuses it is asked without it from then on", async () => {
  const denied = Object.assign(new Error("not allowed"), { name: "AccessDenied" });
  const isDenied = (e: unknown) => (e as Error).name === "AccessDenied";
  const refused = new Set<string>();
  const asked: (string | null)[] = [];
  const allows = async (sourceIdentity: string | null) => (asked.push(sourceIdentity), "ok");
  const alice = { ...target, session: { name: "bkc-alice", sourceIdentity: "alice" } };
  assert.equal(await assumeWithSourceIdentity(alice, refused, allows, isDenied), "ok");
  assert.deepEqual([...asked], ["alice"]);

  asked.length = 0;
  const refuses = async (sourceIdentity: string | null) => {
    asked.push(sourceIdentity);
    if (sourceIdentity) throw denied;
    return "ok";
  };
  assert.equal(await assumeWithSourceIdentity(alice, refused, refuses, isDenied), "ok");
  assert.equal(await assumeWithSourceIdentity(alice, refused, refuses, isDenied), "ok");
  assert.deepEqual(asked, ["alice", null, null], "asked with it once, then remembered");

  // Denied without SourceIdentity too: the role does not trust the console at all, and that is the error.
  const never = async () => {
    throw denied;
  };
  await assert.rejects(assumeWithSourceIdentity({ ...alice, roleArn: "other" }, new Set(), never, isDenied), denied);
});
