// Which sources the AWS SDK's default credential chain (@aws-sdk/credential-provider-node) tried,
// in its order, and what fixes each: said when the console finds no credentials, since the SDK's
// own error ("Could not load credentials from any providers") names neither. Pure: the caller
// passes the environment and the shared files' text, so tests need no home directory.

import type { CredentialHelp } from "@/lib/contracts/health";

export type SharedFiles = {
  config: { path: string; text: string | null };
  credentials: { path: string; text: string | null };
};

/** Profile names in a shared config or credentials file: `[name]` or `[profile name]`. */
export function profileNames(text: string): string[] {
  return [...text.matchAll(/^\s*\[\s*(?:profile\s+)?([^\]\s]+)\s*\]/gm)].map((m) => m[1]!);
}

/** Settings of one profile (`key = value` lines up to the next section), lower-cased keys. */
function profileKeys(text: string, profile: string): Set<string> {
  const keys = new Set<string>();
  let inside = false;
  for (const line of text.split("\n")) {
    const section = /^\s*\[\s*(?:profile\s+)?([^\]\s]+)\s*\]/.exec(line);
    if (section) inside = section[1] === profile;
    else if (inside) {
      const key = /^\s*([\w.-]+)\s*=/.exec(line)?.[1];
      if (key) keys.add(key.toLowerCase());
    }
  }
  return keys;
}

export function credentialHelp(env: Record<string, string | undefined>, files: SharedFiles): CredentialHelp {
  const profile = env.AWS_PROFILE ?? "default";
  const tried: string[] = [];
  if (env.AWS_PROFILE) tried.push(`Environment variables: skipped, AWS_PROFILE=${profile} is set.`);
  else tried.push("Environment variables: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set.");

  const found = [files.config, files.credentials].filter((f) => f.text !== null);
  const keys = new Set(found.flatMap((f) => [...profileKeys(f.text!, profile)]));
  const named = found.some((f) => profileNames(f.text!).includes(profile));
  const sso = keys.has("sso_session") || keys.has("sso_start_url");
  if (found.length === 0)
    tried.push(`Shared files: neither ${files.config.path} nor ${files.credentials.path} exists.`);
  else if (!named) tried.push(`Shared files: no profile "${profile}" in ${found.map((f) => f.path).join(" or ")}.`);
  else if (sso)
    tried.push(`Profile "${profile}" (IAM Identity Center): no valid SSO session (expired or never signed in).`);
  else tried.push(`Profile "${profile}": it gave no credentials (no keys, role or credential_process that worked).`);

  tried.push(
    env.AWS_WEB_IDENTITY_TOKEN_FILE
      ? `Web identity: the token in ${env.AWS_WEB_IDENTITY_TOKEN_FILE} gave no credentials.`
      : "Web identity (EKS service accounts): AWS_WEB_IDENTITY_TOKEN_FILE is not set.",
  );
  if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI)
    tried.push("Container credentials (ECS task role): the endpoint gave no credentials.");
  else if (env.AWS_EC2_METADATA_DISABLED && env.AWS_EC2_METADATA_DISABLED !== "false")
    tried.push("Instance role (EC2 instance metadata): not asked, AWS_EC2_METADATA_DISABLED is set.");
  else tried.push("Instance role (EC2 instance metadata): no answer, so this is not an EC2 instance with a role.");

  const fixes = [
    {
      command: `aws sso login --profile ${sso ? profile : "<your-profile>"}`,
      text: "IAM Identity Center (SSO): sign in; the console picks the session up by itself.",
    },
    { command: "export AWS_PROFILE=<your-profile>", text: "A profile of ~/.aws/config; then restart the console." },
    { command: "aws configure", text: "Access keys for the default profile; then restart the console." },
    {
      command: null,
      text: "On EC2, ECS or EKS: give the console's host an instance profile, task role or service-account role.",
    },
  ];
  return { tried, fixes };
}
