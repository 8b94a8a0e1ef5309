import "server-only";
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import type { Health } from "@/lib/contracts/health";
import { AppError } from "@/lib/contracts/errors";
import { defaultRegion } from "@/lib/aws/client-config";
import { credentialHelp, type SharedFiles } from "@/lib/aws/credential-sources";
import { callerIdentity } from "@/lib/aws/identity";
import { serverEnv } from "@/lib/runtime/env";

/** Whether the console can reach AWS (or the emulator) with its credentials, and as whom. */
export async function checkHealth(): Promise<Health> {
  const { endpoint, readOnly } = serverEnv();
  const base = { region: await defaultRegion(), endpoint: endpoint ?? "aws", readOnly };
  try {
    return { ok: true, identity: await callerIdentity({ fresh: true }), ...base };
  } catch (err) {
    const e = err instanceof AppError ? err : new AppError("internal", "The AWS identity could not be read.");
    const credentials = e.code === "no_credentials" ? credentialHelp(process.env, sharedFiles()) : undefined;
    return { ok: false, identity: null, ...base, error: { code: e.code, message: e.message, credentials } };
  }
}

// The SDK's own variables and default paths (not console settings, so not in lib/runtime/env.ts): the
// files it read are the ones the help must describe.
function sharedFiles(): SharedFiles {
  const read = (file: string) => {
    try {
      return readFileSync(file, "utf8");
    } catch {
      return null;
    }
  };
  const config = process.env.AWS_CONFIG_FILE ?? path.join(homedir(), ".aws", "config");
  const credentials = process.env.AWS_SHARED_CREDENTIALS_FILE ?? path.join(homedir(), ".aws", "credentials");
  return { config: { path: config, text: read(config) }, credentials: { path: credentials, text: read(credentials) } };
}
