// A moto account of the test file's own. moto keeps one CloudTrail (and S3, KMS…) per account, and
// every test file shares one moto server: ingestion reads every trail of its account, so trails
// another file creates at the same time would change which trail counts what. AssumeRole into a
// fresh account id (moto accepts any role ARN and maps the session's keys to that account), then
// point this process's credentials at it before the app makes its first AWS call.
import { randomInt } from "node:crypto";
import { ConfigServiceClient, PutConfigurationAggregatorCommand } from "@aws-sdk/client-config-service";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { motoUrl } from "./helpers";

/** The account's id and its session's credentials, which are now also the process's. */
export async function switchToOwnAccount(): Promise<{
  account: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
}> {
  const account = String(randomInt(100_000_000_000, 999_999_999_999));
  const credentials = await sessionIn(account, "it");
  process.env.AWS_ACCESS_KEY_ID = credentials.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = credentials.secretAccessKey;
  process.env.AWS_SESSION_TOKEN = credentials.sessionToken;
  return { account, credentials };
}

/** A role session's credentials in `account` (moto lets a role of any name enter any account). */
export async function sessionIn(account: string, roleName: string) {
  const { Credentials: c } = await new STSClient({
    region: "us-east-1",
    endpoint: motoUrl(),
    credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
  }).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/${roleName}`, RoleSessionName: roleName }));
  return { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! };
}

/** An aggregator over these accounts in the console's own account (as Control Tower's audit account holds one). */
export async function putAggregator(
  name: string,
  accounts: string[],
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
): Promise<void> {
  await new ConfigServiceClient({ region: "us-east-1", endpoint: motoUrl(), credentials }).send(
    new PutConfigurationAggregatorCommand({
      ConfigurationAggregatorName: name,
      AccountAggregationSources: [{ AccountIds: accounts, AllAwsRegions: true }],
    }),
  );
}
