import type { z } from "zod";
import { apiErrorSchema } from "@/lib/contracts/api-error";

// Typed fetchers for the browser. Every response is validated by the same zod schema the
// server answers with; errors carry the server's message, written for people.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export async function fetchJson<T>(url: string, schema: z.ZodType<T>, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      headers: {
        Accept: "application/json",
        ...(init?.body ? { "Content-Type": "application/json" } : {}),
        ...init?.headers,
      },
    });
  } catch {
    throw new ApiError(0, "network", "The console server cannot be reached. Is it still running?");
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = apiErrorSchema.safeParse(body);
    if (parsed.success)
      throw new ApiError(response.status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.details);
    throw new ApiError(response.status, "http", `The console server answered ${response.status}.`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ApiError(response.status, "contract", `Unexpected response from ${url}.`);
  return parsed.data;
}

export function sendJson<T>(
  method: "POST" | "PUT" | "DELETE",
  url: string,
  schema: z.ZodType<T>,
  body?: unknown,
): Promise<T> {
  return fetchJson(url, schema, { method, body: body === undefined ? undefined : JSON.stringify(body) });
}
