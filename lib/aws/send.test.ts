import assert from "node:assert/strict";
import { test } from "node:test";
import * as athena from "@aws-sdk/client-athena";
import * as dataExports from "@aws-sdk/client-bcm-data-exports";
import * as cur from "@aws-sdk/client-cost-and-usage-report-service";
import * as cloudtrail from "@aws-sdk/client-cloudtrail";
import * as config from "@aws-sdk/client-config-service";
import * as iam from "@aws-sdk/client-iam";
import * as kms from "@aws-sdk/client-kms";
import * as organizations from "@aws-sdk/client-organizations";
import * as s3 from "@aws-sdk/client-s3";
import * as s3control from "@aws-sdk/client-s3-control";
import * as sts from "@aws-sdk/client-sts";
import { AppError } from "@/lib/contracts/errors";
import { iamActions } from "./iam-actions";
import { actionNamed, awsCallError, operationOf, send } from "./send";

const packages = {
  athena,
  cloudtrail,
  config,
  cur,
  dataExports,
  iam,
  kms,
  organizations,
  s3,
  s3control,
  sts,
} as Record<string, Record<string, unknown>>;

test("every operation in the table is an SDK command whose operation send() reads back", () => {
  const operations = Object.keys(iamActions);
  assert.ok(operations.length > 40);
  for (const operation of operations) {
    const found = Object.entries(packages).filter(
      ([, exports]) => typeof exports[`${operation}Command`] === "function",
    );
    assert.ok(found.length > 0, `${operation}Command in no client package`);
    for (const [, exports] of found) {
      const Command = exports[`${operation}Command`] as new (input: object) => object;
      assert.equal(operationOf(new Command({})).operation, operation);
    }
  }
});

test("a message names the table's own actions, never the ones the service uses on the caller's behalf", () => {
  assert.equal(actionNamed("GetBucketEncryption"), "s3:GetEncryptionConfiguration");
  assert.equal(actionNamed("DeleteBucketEncryption"), "s3:PutEncryptionConfiguration");
  assert.equal(actionNamed("CreateJob"), "s3:CreateJob and iam:PassRole");
  assert.equal(actionNamed("StartQueryExecution"), "athena:StartQueryExecution");
  assert.equal(actionNamed("CopyObject"), "s3:GetObject and s3:PutObject");
  // No permission needed: named as the call, with its service when the command says it.
  assert.equal(actionNamed("GetCallerIdentity", "sts"), "sts:GetCallerIdentity");
});

const denied = () => Object.assign(new Error("raw AWS text with a request id"), { name: "AccessDenied" });

test("send() maps a failure with the action of the command it sent", async () => {
  const client = { send: async () => Promise.reject(denied()) };
  await assert.rejects(send(client, new s3.GetBucketEncryptionCommand({ Bucket: "logs" }), "logs"), (err: unknown) => {
    assert.ok(err instanceof AppError);
    assert.equal(err.code, "access_denied");
    assert.equal(
      err.message,
      "Access denied: the console's AWS identity is not allowed s3:GetEncryptionConfiguration on logs. " +
        "Grant s3:GetEncryptionConfiguration in its IAM policy.",
    );
    return true;
  });
  await assert.rejects(send(client, new sts.GetCallerIdentityCommand({}), "the console's credentials"), (err) => {
    assert.match((err as Error).message, /sts:GetCallerIdentity/);
    return true;
  });
});

test("send() answers what the client answered", async () => {
  const answer = { Status: "Enabled" as const, $metadata: {} };
  const client = { send: async () => answer };
  assert.equal(await send(client, new s3.GetBucketVersioningCommand({ Bucket: "logs" }), "logs"), answer);
});

test("awsCallError names the operation's action; an AppError passes through unchanged", () => {
  assert.match(awsCallError(denied(), "ListObjectsV2", "logs").message, /not allowed s3:ListBucket on logs/);
  const own = new AppError("conflict", "already mapped");
  assert.equal(awsCallError(own, "ListObjectsV2", "logs"), own);
});
