// A moto server of its own with IAM enforcement on (INITIAL_NO_AUTH_ACTION_COUNT): the setup
// runs with the emulator's root credentials, then every request must be signed by an IAM user
// and is authorised against that user's policy. Used by the least-privilege tests.
import { readFileSync } from "node:fs";
import path from "node:path";
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { startMoto } from "../../scripts/local-stack.mjs";

const root = path.resolve(import.meta.dirname, "..", "..");
const rootCredentials = { accessKeyId: "testing", secretAccessKey: "testing" };
// Enough unauthenticated requests for any setup; the rest are used up by padding below.
const freeRequests = 300;

type PolicyDocument = {
  Version: string;
  Statement: { Sid?: string; Effect: string; Action: string[]; Resource: string }[];
};

export function policyDocument(name: "read-only" | "operator"): PolicyDocument {
  return JSON.parse(readFileSync(path.join(root, "docs", "iam", `${name}-policy.json`), "utf8")) as PolicyDocument;
}

/** The document with one action taken out of whichever statement grants it. */
export function without(doc: PolicyDocument, action: string): PolicyDocument {
  return {
    ...doc,
    Statement: doc.Statement.map((s) => ({ ...s, Action: s.Action.filter((a) => a !== action) })).filter(
      (s) => s.Action.length > 0,
    ),
  };
}

/**
 * Starts the enforcing moto, runs `setup` with root credentials, creates an IAM user with the
 * given policy and returns its keys once enforcement is on.
 */
export async function iamEnforcedMoto(
  policy: PolicyDocument,
  setup: (url: string, credentials: typeof rootCredentials) => Promise<void>,
) {
  const moto = await startMoto({ env: { INITIAL_NO_AUTH_ACTION_COUNT: String(freeRequests) } });
  const iam = new IAMClient({ region: "us-east-1", endpoint: moto.url, credentials: rootCredentials });
  await setup(moto.url, rootCredentials);
  await iam.send(new CreateUserCommand({ UserName: "console" }));
  await iam.send(
    new PutUserPolicyCommand({ UserName: "console", PolicyName: "console", PolicyDocument: JSON.stringify(policy) }),
  );
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: "console" }))).AccessKey!;
  // Use up the remaining unauthenticated requests: enforcement is on once root is refused.
  const sts = new STSClient({ region: "us-east-1", endpoint: moto.url, credentials: rootCredentials, maxAttempts: 1 });
  for (let i = 0; ; i++) {
    if (i > freeRequests) throw new Error("moto never started enforcing IAM");
    try {
      await sts.send(new GetCallerIdentityCommand({}));
    } catch {
      break;
    }
  }
  return {
    url: moto.url,
    stop: moto.stop,
    credentials: { AWS_ACCESS_KEY_ID: key.AccessKeyId!, AWS_SECRET_ACCESS_KEY: key.SecretAccessKey! },
  };
}
