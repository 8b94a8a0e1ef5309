import "server-only";
import type { Health } from "@/lib/contracts/health";
import { AppError } from "@/lib/contracts/errors";
import { defaultRegion } from "@/lib/aws/client-config";
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
    return { ok: false, identity: null, ...base, error: { code: e.code, message: e.message } };
  }
}
