// Trails that hide S3's KMS calls, against moto (which stores and returns event selectors as
// written, ExcludeManagementEventSources and advanced selectors included): GET /api/usage/ingest
// names each blind trail with the command that fixes it, and applying that command's selectors
// makes the warning go away.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  CloudTrailClient,
  CreateTrailCommand,
  PutEventSelectorsCommand,
  StopLoggingCommand,
  StartLoggingCommand,
} from "@aws-sdk/client-cloudtrail";
import { apiRequest, createBucket, jsonOf, motoUrl, routeContext, scanInventoryNow, uniqueName } from "./helpers";
import { ingestStatusSchema } from "@/lib/contracts/usage";
import { switchToOwnAccount } from "./own-account";

process.env.CONSOLE_DATA_DIR = mkdtempSync(path.join(tmpdir(), "bkc-trail-coverage-it-"));
// Its healthy trails would otherwise be the ones another file's ingestion counts from.
const { credentials } = await switchToOwnAccount();

const cloudtrail = new CloudTrailClient({
  region: "us-east-1",
  endpoint: motoUrl(),
  credentials,
});
const logs = uniqueName("coverage-logs");
await createBucket(logs);

async function trail(label: string, multiRegion = true): Promise<string> {
  const name = uniqueName(label);
  await cloudtrail.send(
    new CreateTrailCommand({ Name: name, S3BucketName: logs, S3KeyPrefix: name, IsMultiRegionTrail: multiRegion }),
  );
  await cloudtrail.send(new StartLoggingCommand({ Name: name }));
  return name;
}

type Warning = { trail: string; code: string; message: string; command: string | null };
async function warningsAfterIngest(): Promise<Warning[]> {
  const route = await import("@/app/api/usage/ingest/route");
  const { ingestFinished } = await import("@/lib/usage/ingest");
  await jsonOf(
    await route.POST(apiRequest("/api/usage/ingest", { method: "POST" }), routeContext()),
    ingestStatusSchema,
  );
  await ingestFinished();
  const response = await route.GET(apiRequest("/api/usage/ingest"), routeContext());
  return (await jsonOf(response, ingestStatusSchema)).warnings;
}
/** The selectors a warning's command would put, as the CLI would send them. */
const selectorsIn = (command: string, flag: string) =>
  JSON.parse(/'(.*)'$/.exec(command.split(` ${flag} `)[1]!)![1]!.replace(/'\\''/g, "'"));

test("a trail excluding kms.amazonaws.com, a write-only one and an advanced-selector one are each named, with the fix", async () => {
  const excluded = await trail("no-kms");
  await cloudtrail.send(
    new PutEventSelectorsCommand({
      TrailName: excluded,
      EventSelectors: [
        { ReadWriteType: "All", IncludeManagementEvents: true, ExcludeManagementEventSources: ["kms.amazonaws.com"] },
      ],
    }),
  );
  const writeOnly = await trail("write-only");
  await cloudtrail.send(
    new PutEventSelectorsCommand({
      TrailName: writeOnly,
      EventSelectors: [{ ReadWriteType: "WriteOnly", IncludeManagementEvents: true }],
    }),
  );
  const advanced = await trail("advanced");
  await cloudtrail.send(
    new PutEventSelectorsCommand({
      TrailName: advanced,
      AdvancedEventSelectors: [
        {
          Name: "Management events without KMS",
          FieldSelectors: [
            { Field: "eventCategory", Equals: ["Management"] },
            { Field: "eventSource", NotEquals: ["kms.amazonaws.com"] },
          ],
        },
      ],
    }),
  );
  const healthy = await trail("healthy");

  const warnings = await warningsAfterIngest();
  const of = (name: string) => warnings.filter((w) => w.trail === name).map((w) => w.code);
  assert.deepEqual(of(excluded), ["kms-events-excluded"]);
  assert.deepEqual(of(writeOnly), ["write-only"]);
  assert.deepEqual(of(advanced), ["advanced-selectors-exclude-kms"]);
  assert.deepEqual(of(healthy), []);
  const w = warnings.find((x) => x.trail === excluded)!;
  assert.match(w.message, /excludes kms.amazonaws.com from its management events/);
  assert.equal(
    w.command,
    `aws cloudtrail put-event-selectors --trail-name '${excluded}' --region us-east-1 --event-selectors ` +
      `'[{"ReadWriteType":"All","IncludeManagementEvents":true}]'`,
  );

  // Applying each command's selectors (what the CLI would send) clears the warnings.
  for (const name of [excluded, writeOnly]) {
    const command = warnings.find((x) => x.trail === name)!.command!;
    await cloudtrail.send(
      new PutEventSelectorsCommand({ TrailName: name, EventSelectors: selectorsIn(command, "--event-selectors") }),
    );
  }
  const advancedCommand = warnings.find((x) => x.trail === advanced)!.command!;
  await cloudtrail.send(
    new PutEventSelectorsCommand({
      TrailName: advanced,
      AdvancedEventSelectors: selectorsIn(advancedCommand, "--advanced-event-selectors"),
    }),
  );
  const after = await warningsAfterIngest();
  assert.deepEqual(
    after.filter((x) => [excluded, writeOnly, advanced].includes(x.trail)),
    [],
  );
});

test("a trail that stopped logging and a single-region trail with buckets elsewhere are named", async () => {
  await createBucket(uniqueName("coverage-eu"), "eu-west-1");
  // The region check compares with the regions of the buckets in the inventory store.
  await scanInventoryNow();
  const stopped = await trail("stopped");
  await cloudtrail.send(new StopLoggingCommand({ Name: stopped }));
  const regional = await trail("regional", false);
  const warnings = await warningsAfterIngest();
  assert.deepEqual(
    warnings.filter((w) => w.trail === stopped).map((w) => [w.code, w.command]),
    [["not-logging", `aws cloudtrail start-logging --name '${stopped}' --region us-east-1`]],
  );
  const single = warnings.find((w) => w.trail === regional && w.code === "single-region");
  assert.ok(single, JSON.stringify(warnings));
  assert.match(single.message, /records us-east-1 only: S3's KMS calls for buckets in .*eu-west-1/);
});
