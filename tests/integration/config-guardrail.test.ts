// The Bucket Key guardrail applied in one account and read back from the aggregator, through the real AWS SDK. moto
// keeps the S3 state, the accounts and the aggregator; moto 5.2.5 has no CUSTOM_POLICY rules (its PutConfigRule knows
// the owners AWS and CUSTOM_LAMBDA only) and no aggregate compliance calls, so the Config double
// (scripts/config-double/rules.ts) stands in for AWS Config there, in Config's JSON 1.1 wire format: it keeps the rule
// in the account whose credentials put it, and evaluates the console's Guard rule on the configuration items it
// records from moto's S3 (it does not run Guard itself). Access denied is injected there.
import assert from "node:assert/strict";
import { randomInt } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { ConfigServiceClient, DescribeConfigRulesCommand } from "@aws-sdk/client-config-service";
import { CreateBucketCommand, PutBucketEncryptionCommand, S3Client } from "@aws-sdk/client-s3";
import { guardrailAppliedSchema, guardrailComplianceSchema } from "@/lib/contracts/guardrail";
import { guardRule, ruleName } from "@/lib/inventory/config/guardrail";
import { startConfigDouble } from "../../scripts/config-double/server";
import { motoSource } from "../../scripts/config-double/items";
import { apiRequest, errorOf, jsonOf, motoUrl, routeContext, uniqueName } from "./helpers";
import { putAggregator, sessionIn, switchToOwnAccount } from "./own-account";

const moto = motoUrl();
const { account: own, credentials: ownCreds } = await switchToOwnAccount();
const member = String(randomInt(400_000_000_000, 499_999_999_999));
const double = await startConfigDouble({ moto, source: motoSource(moto) });
const dir = mkdtempSync(path.join(tmpdir(), "bkc-guardrail-it-"));
writeFileSync(
  path.join(dir, "accounts.json"),
  JSON.stringify({
    accounts: [{ id: member, name: "member", roleArn: `arn:aws:iam::${member}:role/BucketKeyConsole` }],
  }),
);
Object.assign(process.env, {
  AWS_ENDPOINT_URL: double.url,
  CONSOLE_DATA_DIR: dir,
  CONSOLE_ACCOUNTS_FILE: path.join(dir, "accounts.json"),
});

const { saveInventorySource } = await import("@/lib/inventory/config/state");
const { listWrites } = await import("@/lib/changes/write-log");
const guardrailRoute = await import("@/app/api/inventory/config/guardrail/route");

const aggregator = "guardrail-aggregator";
const prefix = uniqueName("grd");
const flagged = `${prefix}-no-key`;
const kept = `${prefix}-with-key`;
let memberS3: S3Client;
let memberConfig: ConfigServiceClient;

const kms = (bucketKey: boolean) => ({
  Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms" as const }, BucketKeyEnabled: bucketKey }],
});

const compliance = async () =>
  jsonOf(
    await guardrailRoute.GET(apiRequest("/api/inventory/config/guardrail"), routeContext()),
    guardrailComplianceSchema,
  );
const apply = (account: string, body: unknown) =>
  guardrailRoute.POST(
    apiRequest(`/api/inventory/config/guardrail?account=${account}`, { method: "POST", body }),
    routeContext(),
  );

before(async () => {
  const credentials = await sessionIn(member, "seed");
  memberS3 = new S3Client({ region: "us-east-1", endpoint: moto, forcePathStyle: true, credentials });
  // Read back through the double, as the member itself: where the rule really is.
  memberConfig = new ConfigServiceClient({ region: "us-east-1", endpoint: double.url, credentials });
  for (const [name, bucketKey] of [
    [flagged, false],
    [kept, true],
  ] as const) {
    await memberS3.send(new CreateBucketCommand({ Bucket: name }));
    await memberS3.send(
      new PutBucketEncryptionCommand({ Bucket: name, ServerSideEncryptionConfiguration: kms(bucketKey) }),
    );
  }
  await putAggregator(aggregator, [own, member], ownCreds);
  saveInventorySource({ kind: "config", aggregator, region: "us-east-1" });
});

after(() => double.stop());

test("before it is applied, the guardrail is in place in no account", async () => {
  const status = await compliance();
  assert.deepEqual(status.aggregator, { name: aggregator, region: "us-east-1" });
  assert.equal(status.ruleName, ruleName);
  assert.deepEqual(status.accounts.map((a) => a.account).sort(), [own, member].sort());
  for (const a of status.accounts) assert.deepEqual([a.regions, a.flaggedCount], [[], 0], a.account);
});

test("applied in the member account through its role: recorded, read back, in place there with what it flags", async () => {
  const applied = await jsonOf(await apply(member, { region: "us-east-1" }), guardrailAppliedSchema);
  assert.equal(applied.account, member);
  assert.match(applied.ruleArn ?? "", new RegExp(`^arn:aws:config:us-east-1:${member}:config-rule/config-rule-`));
  // The rule is the member's, with the Guard text the console generates; the console's own account has none.
  const { ConfigRules: rules } = await memberConfig.send(
    new DescribeConfigRulesCommand({ ConfigRuleNames: [ruleName] }),
  );
  assert.equal(rules?.[0]?.Source?.Owner, "CUSTOM_POLICY");
  assert.equal(rules?.[0]?.Source?.CustomPolicyDetails?.PolicyText, guardRule);
  // Recorded first, then settled by the read-back (History's other writes).
  const write = listWrites(member).find((w) => w.id === applied.writeId)!;
  assert.deepEqual([write.kind, write.status, write.result], ["config-rule", "applied", applied.ruleArn]);
  assert.deepEqual(
    write.steps.map((s) => s.status),
    ["pending", "applied"],
  );

  const status = await compliance();
  const there = status.accounts.find((a) => a.account === member)!;
  assert.deepEqual(there.regions, [{ region: "us-east-1", compliance: "NON_COMPLIANT" }]);
  assert.deepEqual(there.flagged, [{ bucket: flagged, region: "us-east-1" }]);
  assert.equal(there.flaggedCount, 1);
  assert.deepEqual(
    status.accounts.find((a) => a.account === own)?.regions,
    [],
    "not in place in the console's account",
  );
});

test("once the flagged bucket has a Bucket Key, the guardrail flags nothing", async () => {
  await memberS3.send(
    new PutBucketEncryptionCommand({ Bucket: flagged, ServerSideEncryptionConfiguration: kms(true) }),
  );
  const there = (await compliance()).accounts.find((a) => a.account === member)!;
  assert.deepEqual(there.regions, [{ region: "us-east-1", compliance: "COMPLIANT" }]);
  assert.deepEqual([there.flagged, there.flaggedCount], [[], 0]);
});

test("access denied: a 403 naming config:PutConfigRule, recorded as failed; bad input is refused", async () => {
  double.fail("deny", 1);
  const denied = await errorOf(await apply(member, { region: "us-east-1" }), 403, "access_denied");
  assert.match(denied.message, /config:PutConfigRule/);
  const [latest] = listWrites(member);
  assert.deepEqual([latest?.kind, latest?.status], ["config-rule", "failed"]);
  await errorOf(await apply(member, { region: "mars-1" }), 400, "invalid_input");
  await errorOf(await apply(member, { region: "us-east-1", remediation: true }), 400, "invalid_input");
});

test("compliance read with config:DescribeAggregateComplianceByConfigRules denied names the action", async () => {
  double.fail("deny", 1);
  const res = await guardrailRoute.GET(apiRequest("/api/inventory/config/guardrail"), routeContext());
  assert.match((await errorOf(res, 403, "access_denied")).message, /config:DescribeAggregateComplianceByConfigRules/);
});
