import "server-only";
import { NextResponse } from "next/server";
import { AppError, errorStatus } from "@/lib/contracts/errors";
import { serverEnv } from "@/lib/runtime/env";
import { hostDecision, originDecision } from "../runtime/host-policy.mjs";
import { jsonContentTypeProblem } from "./json-content-type";

// The request checks that compare a request with the configuration: its Host (proxy.ts, for every
// request, and route() again, in case a proxy matcher ever misses a path), its Origin and
// Sec-Fetch-Site (changes), its content type (bodies).

export function assertAllowedHost(request: Request): void {
  const decision = hostDecision(serverEnv().allowedHosts, request.headers.get("host"));
  if (!decision.ok) throw new AppError("forbidden_host", decision.message);
}

export function assertSameOrigin(request: Request): void {
  const decision = originDecision(serverEnv().allowedHosts, {
    origin: request.headers.get("origin"),
    fetchSite: request.headers.get("sec-fetch-site"),
  });
  if (!decision.ok) throw new AppError("forbidden_origin", decision.message);
}

export function assertJsonBody(request: Request): void {
  const problem = jsonContentTypeProblem(request.headers.get("content-type"));
  if (problem) throw new AppError("unsupported_media_type", problem);
}

/**
 * The answer to a request whose Host is not allowed, before anything else runs: the API's JSON
 * error for /api/*, a short page for everything else; null when the Host is allowed.
 */
export function hostRefusal(request: Request): Response | null {
  const { allowedHosts } = serverEnv();
  const decision = hostDecision(allowedHosts, request.headers.get("host"));
  if (decision.ok) return null;
  const status = errorStatus.forbidden_host;
  const headers = { "Cache-Control": "no-store" };
  if (new URL(request.url).pathname.startsWith("/api/")) {
    return NextResponse.json({ error: { code: "forbidden_host", message: decision.message } }, { status, headers });
  }
  // Only the loopback address is named: the page is readable by whichever site rebound its name here.
  const local = allowedHosts[0]!;
  return new Response(refusalPage(decision.message, `http://${local.hostname}:${local.port}/`), {
    status,
    headers: { ...headers, "Content-Type": "text/html; charset=utf-8" },
  });
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

function refusalPage(message: string, localUrl: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Unknown host</title></head>
<body style="font: 16px/1.5 system-ui, sans-serif; color: #1e293b; max-width: 40rem; margin: 4rem auto; padding: 0 1.5rem">
<h1 style="font-size: 1.25rem">This address does not lead to the console</h1>
<p data-testid="host-refusal">${escapeHtml(message)}</p>
<p style="color: #64748b">Open the console at the address its operator gave you, or at ${localUrl} on the machine it
runs on.</p>
</body>
</html>
`;
}
