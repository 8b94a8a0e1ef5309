import "server-only";
import { randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { accountIdSchema } from "@/lib/contracts/accounts";
import { asUser, inAccount } from "@/lib/aws/account-context";
import { findAccount } from "@/lib/accounts/accounts";
import type { Account } from "@/lib/contracts/accounts";
import { roleNeededMessage } from "@/lib/contracts/role-needed";
import { knownOnlyFromConfig } from "@/lib/inventory/config/coverage";
import { AppError } from "@/lib/contracts/errors";
import { currentUser } from "@/lib/http/auth/session";
import type { SessionUser } from "@/lib/http/auth/user";
import { serverEnv } from "@/lib/runtime/env";
import { processWide } from "@/lib/runtime/process-wide";
import { foreground } from "@/lib/runtime/loop-share";
import { createRateLimiter } from "@/lib/http/rate-limit";
import { assertAllowedHost, assertJsonBody, assertSameOrigin } from "@/lib/http/request-guard";

// The one wrapper every route handler goes through: who is asking (signed in when sign-in
// is configured; operator role, same origin, rate limit and read-only mode for mutations),
// input parsing with zod, and the mapping of thrown errors to the single error shape
// { error: { code, message, details?, requestId? } }.

type RouteContext = { params: Promise<Record<string, string | string[]>> };

/**
 * A route whose answer is not a JSON body says which it is: a file download of that content type
 * (a CSV export), or a redirect. Its handler returns the Response, and route() answers a 500 when
 * that Response is of another kind, so the spec stays true.
 */
type NotJson = { file: string } | { redirect: true };

/**
 * What a route answers: the zod schema of its JSON body, the same schema the client parses it
 * with, so the handler's return type is the contract; or NotJson.
 */
type ResponseSpec = z.ZodType | NotJson;

/** What the handler returns: the schema's shape for a JSON route, the Response itself for NotJson. */
type Answer<S extends ResponseSpec> = S extends z.ZodType ? z.output<S> : Response;

type RouteSpec<P, Q, B, S extends ResponseSpec> = {
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  response: S;
  /** The HTTP status of a JSON answer when it is not always 200 (GET /api/health: 503 when AWS is unreachable). */
  status?: S extends z.ZodType ? (answer: z.output<S>) => number : never;
  /** Changes AWS or stored state: operator role, same-origin only, rate-limited, refused in read-only mode. */
  mutation?: boolean;
  /**
   * A POST that only reads AWS (a review, an object audit): any signed-in role and read-only
   * mode may use it, but only from the console's own pages, since it spends AWS requests.
   */
  sameOrigin?: boolean;
  /**
   * Stops work (pausing or cancelling a job or a scan): operator role, same-origin only, rate-limited, and allowed
   * in read-only mode, which must never keep anyone from stopping what runs.
   */
  stops?: boolean;
  /** What the route table in the README says besides the access rule (a limit that depends on the role). */
  note?: string;
  maxBodyBytes?: number;
  /** Accepts `?account=all`: the handler then serves every account itself (see `allAccounts`). */
  acrossAccounts?: boolean;
  /**
   * Serves an account known only from AWS Config (no role) from what Config recorded: the handler then runs outside
   * any account with `configOnly` set. Every other route refuses such an account with no_role, naming the role.
   */
  withoutRole?: boolean;
};

/**
 * `user` is who asked: the local user (operator) when no sign-in is configured. Record auditUser(user) in history.
 * Every route takes `?account=<id>`: the handler then runs inside that account (lib/aws/account-context.ts);
 * without it, in the console's own account. `allAccounts` is true for `?account=all` (acrossAccounts routes only).
 */
type RouteInput<P, Q, B> = {
  params: P;
  query: Q;
  body: B;
  request: NextRequest;
  user: SessionUser;
  allAccounts: boolean;
  /** The account's id when it is known only from AWS Config (withoutRole routes only); null otherwise. */
  configOnly: string | null;
};

const defaultMaxBodyBytes = 16 * 1024;

/** Changes per user and minute: one limiter per process, so the limit holds across every route's bundle. */
function mutationLimiter(perMinute: number): ReturnType<typeof createRateLimiter> {
  // Created on first use, not at import: perMinute comes from serverEnv(), which throws on a bad configuration,
  // and that error belongs to a request.
  return processWide("MutationLimiter", () => createRateLimiter({ perMinute }));
}

/**
 * Who may call a handler, in four kinds: `read` (GET: any role), `spend` (reads AWS on request: any role, read-only
 * mode too, same origin), `stop` (operator, read-only mode too) and `change` (operator, refused in read-only mode).
 */
export type RouteAccess = "read" | "spend" | "stop" | "change";

/** A handler as route() makes it: the access rule and note ride along, for the route table and its tests. */
type RouteHandler = ((request: NextRequest, context: RouteContext) => Promise<Response>) & {
  access: RouteAccess;
  note?: string;
};

function accessOf(spec: { mutation?: boolean; sameOrigin?: boolean; stops?: boolean }): RouteAccess {
  if ([spec.mutation, spec.sameOrigin, spec.stops].filter(Boolean).length > 1)
    throw new Error("A route is one of mutation, stops or sameOrigin.");
  return spec.mutation ? "change" : spec.stops ? "stop" : spec.sameOrigin ? "spend" : "read";
}

export function route<P = undefined, Q = undefined, B = undefined, S extends ResponseSpec = ResponseSpec>(
  spec: RouteSpec<P, Q, B, S>,
  handler: (input: RouteInput<P, Q, B>) => Promise<Answer<S>>,
): RouteHandler {
  // Background jobs (the inventory scan) give way while a request is answered.
  const handle = (request: NextRequest, context: RouteContext) => foreground(() => answer(request, context));
  const answer = async (request: NextRequest, context: RouteContext): Promise<Response> => {
    const started = performance.now();
    try {
      const user = await authorize(request, spec);
      const { account, searchParams } = accountParam(request, spec);
      const params = spec.params ? parse(spec.params, await context.params, "path") : (undefined as P);
      const query = spec.query
        ? parse(spec.query, Object.fromEntries(searchParams), "query")
        : noQuery<Q>(request, searchParams);
      const body = spec.body
        ? parse(spec.body, await readJson(request, spec.maxBodyBytes ?? defaultMaxBodyBytes), "body")
        : await noBody<B>(request);
      // The work acts for the user: a role session in another account names them in CloudTrail.
      const run = (configOnly: string | null) =>
        asUser(user, () => handler({ params, query, body, request, user, allAccounts: account === "all", configOnly }));
      const answer = account && account !== "all" ? await runInAccount(account, spec, run) : await run(null);
      if (isNotJson(spec.response)) return checkedNotJson(spec.response, answer);
      const status = (spec.status as ((answer: unknown) => number) | undefined)?.(answer) ?? 200;
      const response = NextResponse.json(answer, { status, headers: { "Cache-Control": "no-store" } });
      // The server's own share of the answer (checks, handler, JSON), so a browser or a benchmark can tell it
      // from the time spent queued, on the wire and in the page.
      response.headers.set("Server-Timing", `app;dur=${(performance.now() - started).toFixed(1)}`);
      return response;
    } catch (err) {
      return errorResponse(err);
    }
  };
  return Object.assign(handle, { access: accessOf(spec), ...(spec.note ? { note: spec.note } : {}) });
}

/**
 * Runs the handler in the account `?account=` names. One the console has no role in but the AWS Config aggregator
 * covers is served by withoutRole routes only; the others refuse it with a 403 that says what to add, rather than
 * failing an AssumeRole the console cannot make.
 */
async function runInAccount<T>(
  id: string,
  spec: { withoutRole?: boolean; mutation?: boolean; stops?: boolean },
  run: (configOnly: string | null) => Promise<T>,
): Promise<T> {
  let account: Account;
  try {
    account = await findAccount(id);
  } catch (err) {
    if (!(err instanceof AppError && err.code === "not_found" && knownOnlyFromConfig(id))) throw err;
    if (spec.withoutRole) return run(id);
    throw new AppError("no_role", roleNeededMessage(id, Boolean(spec.mutation || spec.stops)), { account: id });
  }
  return inAccount(account, () => run(null));
}

function isNotJson(response: ResponseSpec): response is NotJson {
  return "file" in response || "redirect" in response;
}

function checkedNotJson(spec: NotJson, response: unknown): Response {
  if (!(response instanceof Response)) throw new Error("The handler of a NotJson route answered no Response.");
  const contentType = response.headers.get("content-type") ?? "";
  const ok =
    "file" in spec
      ? response.status === 200 && contentType.split(";")[0]!.trim() === spec.file
      : response.status >= 300 && response.status < 400 && response.headers.has("location");
  if (ok) return response;
  const declared = "file" in spec ? `a ${spec.file} file` : "a redirect";
  throw new Error(`The handler answered ${response.status} ${contentType || "(no content type)"}, not ${declared}.`);
}

export function errorResponse(err: unknown): Response {
  if (err instanceof AppError) {
    return NextResponse.json(
      {
        error: { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) },
      },
      { status: err.status, headers: { "Cache-Control": "no-store" } },
    );
  }
  // Unknown failures are logged with an id the user can quote; no internals leave the server.
  const requestId = randomUUID();
  console.error(`[${requestId}]`, err);
  return NextResponse.json(
    {
      error: {
        code: "internal",
        message: `Unexpected server error. Quote request id ${requestId} when reporting it.`,
        requestId,
      },
    },
    { status: 500 },
  );
}

function parse<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => {
    // Path parameter messages are whole sentences already ("… is not a valid S3 bucket name …").
    if (where === "path" && i.code === "custom") return i.message;
    const path = i.path.length ? i.path.join(".") : where;
    return i.code === "unrecognized_keys" ? `${path}: unknown field(s) ${i.keys.join(", ")}` : `${path}: ${i.message}`;
  });
  const summary = where === "path" ? issues.join("; ") : `Invalid ${where}: ${issues.join("; ")}`;
  throw new AppError("invalid_input", summary, {
    issues: result.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
  });
}

async function readJson(request: NextRequest, maxBytes: number): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new AppError("payload_too_large", `Request body is larger than ${maxBytes} bytes.`);
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBytes)
    throw new AppError("payload_too_large", `Request body is larger than ${maxBytes} bytes.`);
  if (!text.trim()) throw new AppError("invalid_input", "Request body is empty; send a JSON object.");
  assertJsonBody(request);
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("invalid_input", "Request body is not valid JSON.");
  }
}

async function authorize(
  request: NextRequest,
  spec: { mutation?: boolean; sameOrigin?: boolean; stops?: boolean },
): Promise<SessionUser> {
  // The Host, read-only mode and the origin check come first: they hold whoever asks.
  assertAllowedHost(request);
  if (spec.mutation) assertNotReadOnly();
  if (spec.mutation || spec.sameOrigin || spec.stops) assertSameOrigin(request);
  const user = await currentUser(request);
  if (!user)
    throw new AppError("unauthenticated", "Sign in to use the console: your session is missing or has expired.");
  if (!spec.mutation && !spec.stops) return user;
  assertOperator(user, spec.stops ? "pause or cancel work" : "change encryption");
  const decision = mutationLimiter(serverEnv().mutationsPerMinute)(user.id);
  if (!decision.ok) {
    throw new AppError(
      "rate_limited",
      `Too many changes in a short time: try again in ${decision.retryAfterSeconds} s (limit CONSOLE_MUTATIONS_PER_MINUTE=${serverEnv().mutationsPerMinute}).`,
      { retryAfterSeconds: decision.retryAfterSeconds },
    );
  }
  return user;
}

/** `account` is every route's parameter, taken out before the route's own query schema sees the rest. */
function accountParam(
  request: NextRequest,
  spec: { acrossAccounts?: boolean },
): { account: string | undefined; searchParams: URLSearchParams } {
  const searchParams = new URLSearchParams(request.nextUrl.searchParams);
  const values = searchParams.getAll("account");
  searchParams.delete("account");
  if (values.length === 0) return { account: undefined, searchParams };
  const account = values[0]!;
  if (values.length > 1) throw new AppError("invalid_input", "Invalid query: account: give it once.");
  if (account === "all") {
    if (!spec.acrossAccounts)
      throw new AppError(
        "invalid_input",
        `Invalid query: account: ${request.nextUrl.pathname} works on one account at a time; give a 12-digit account id.`,
      );
    return { account, searchParams };
  }
  const parsed = accountIdSchema.safeParse(account);
  if (!parsed.success)
    throw new AppError(
      "invalid_input",
      `Invalid query: account: "${account.slice(0, 40)}" is not an account; give a 12-digit account id${spec.acrossAccounts ? " or all" : ""}.`,
    );
  return { account, searchParams };
}

function noQuery<Q>(request: NextRequest, searchParams: URLSearchParams): Q {
  const keys = [...new Set(searchParams.keys())];
  if (keys.length)
    throw new AppError(
      "invalid_input",
      `Invalid query: unknown field(s) ${keys.join(", ").slice(0, 200)}; ${request.nextUrl.pathname} takes no query parameters.`,
    );
  return undefined as Q;
}

/** A body sent to an endpoint that takes none is a client mistake, not something to ignore. */
async function noBody<B>(request: NextRequest): Promise<B> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > 0 || (request.body && (await request.text()).length > 0)) {
    throw new AppError("invalid_input", `${request.method} ${request.nextUrl.pathname} takes no request body.`);
  }
  return undefined as B;
}

/** The operator check of route(), for a handler whose body decides it (an unbounded audit, a cancel). */
export function assertOperator(user: SessionUser, doing: string): void {
  if (user.role === "operator") return;
  throw new AppError(
    "access_denied",
    `Signed in as ${user.name} with the viewer role: only operators may ${doing}. ` +
      "Ask an administrator for the operator role.",
    { role: user.role },
  );
}

function assertNotReadOnly(): void {
  if (serverEnv().readOnly) {
    throw new AppError("read_only", "The console runs in read-only mode (CONSOLE_READ_ONLY=1): changes are disabled.");
  }
}
