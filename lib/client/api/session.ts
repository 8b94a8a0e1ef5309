import { accountsSchema } from "@/lib/contracts/accounts";
import { healthSchema, type Health } from "@/lib/contracts/health";
import { sessionSchema } from "@/lib/contracts/session";
import { ApiError, fetchJson } from "../fetch-json";

/** GET /api/health — answers 503 with a health body when AWS is unreachable: both are data here. */
export async function getHealth(): Promise<Health> {
  const response = await fetch("/api/health", { headers: { Accept: "application/json" } });
  if (response.status === 401) throw new ApiError(401, "unauthenticated", "Sign in to use the console.");
  const parsed = healthSchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new Error("The console server cannot be reached.");
  return parsed.data;
}

/** GET /api/session — who is signed in, with which role. */
export function getSession() {
  return fetchJson("/api/session", sessionSchema);
}

/** GET /api/accounts — the accounts the console serves. */
export function getAccounts() {
  return fetchJson("/api/accounts", accountsSchema);
}
