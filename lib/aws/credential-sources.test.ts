import assert from "node:assert/strict";
import { test } from "node:test";
import { credentialHelp, profileNames, type SharedFiles } from "./credential-sources";

const files = (config: string | null, credentials: string | null = null): SharedFiles => ({
  config: { path: "/home/op/.aws/config", text: config },
  credentials: { path: "/home/op/.aws/credentials", text: credentials },
});

test("profile names come from [name] and [profile name] sections, not from sso-session sections", () => {
  assert.deepEqual(profileNames("[default]\nregion = us-east-1\n[profile prod]\n[ sso-session corp ]\n"), [
    "default",
    "prod",
  ]);
});

test("nothing configured: every source of the chain is named, in the SDK's order, with the fixes", () => {
  const help = credentialHelp({}, files(null));
  assert.deepEqual(help.tried, [
    "Environment variables: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set.",
    "Shared files: neither /home/op/.aws/config nor /home/op/.aws/credentials exists.",
    "Web identity (EKS service accounts): AWS_WEB_IDENTITY_TOKEN_FILE is not set.",
    "Instance role (EC2 instance metadata): no answer, so this is not an EC2 instance with a role.",
  ]);
  assert.deepEqual(
    help.fixes.map((f) => f.command),
    ["aws sso login --profile <your-profile>", "export AWS_PROFILE=<your-profile>", "aws configure", null],
  );
  assert.match(help.fixes[3]!.text, /instance profile, task role or service-account role/);
});

test("an SSO profile whose session expired says so and names the login command for it", () => {
  const config = "[profile prod]\nsso_session = corp\nsso_account_id = 111122223333\n[sso-session corp]\n";
  const help = credentialHelp({ AWS_PROFILE: "prod" }, files(config));
  assert.equal(help.tried[0], "Environment variables: skipped, AWS_PROFILE=prod is set.");
  assert.equal(
    help.tried[1],
    'Profile "prod" (IAM Identity Center): no valid SSO session (expired or never signed in).',
  );
  assert.equal(help.fixes[0]?.command, "aws sso login --profile prod");
});

test("a profile missing from the files, a disabled instance role and a container endpoint are told apart", () => {
  const missing = credentialHelp({ AWS_PROFILE: "dev", AWS_EC2_METADATA_DISABLED: "true" }, files("[default]\n"));
  assert.equal(missing.tried[1], 'Shared files: no profile "dev" in /home/op/.aws/config.');
  assert.equal(missing.tried[3], "Instance role (EC2 instance metadata): not asked, AWS_EC2_METADATA_DISABLED is set.");
  const container = credentialHelp({ AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: "/v2/creds" }, files(null, "[default]\n"));
  assert.equal(
    container.tried[1],
    'Profile "default": it gave no credentials (no keys, role or credential_process that worked).',
  );
  assert.equal(container.tried[3], "Container credentials (ECS task role): the endpoint gave no credentials.");
});
