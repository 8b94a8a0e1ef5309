import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { e2eMotoUrl } from "../playwright.config";

/** Credentials of the demo's console role in another account, as the console itself assumes it. */
export async function demoRoleCredentials(account: string, sessionName: string) {
  const sts = new STSClient({
    region: "us-east-1",
    endpoint: e2eMotoUrl,
    credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
  });
  const role = { RoleArn: `arn:aws:iam::${account}:role/BucketKeyConsole`, RoleSessionName: sessionName };
  const c = (await sts.send(new AssumeRoleCommand(role))).Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
}
