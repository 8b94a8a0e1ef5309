// A loopback double of AWS Config's SelectAggregateResourceConfig (and, in rules.ts, the guardrail's rule and its
// aggregate compliance), which moto does not implement, in
// Config's real wire format: JSON 1.1 (POST /, X-Amz-Target StarlingDoveService.<Operation>), the
// documented error shapes ({"__type": "<Name>Exception", "message": …} with HTTP 400), NextToken
// paging (Limit 0..100; 0 or none: 25 rows, or 500 for a GROUP BY), and throttling on demand. Every
// other request (S3, STS, DescribeConfigurationAggregators, PutConfigurationAggregator…) goes to
// moto untouched, so the console needs one endpoint. The aggregator a query names is looked up in
// moto with the caller's own credentials: a wrong name or region fails as AWS fails it.
import http from "node:http";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { InvalidExpression, matches, parseQuery, project, valueAt, type Query } from "./sql";
import type { ConfigItem, ItemSource } from "./items";
import { forwarderTo } from "../demo-role-guard.mjs";
import { configRules, ruleTargets } from "./rules";
import { error, json, readBody, reply } from "./wire";

/** throttle, deny, reject (InvalidExpressionException), bad-item (an item page with one malformed row). */
type DoubleFault = { kind: "throttle" | "deny" | "reject" | "bad-item"; times: number };

type Snapshot = { rows: string[]; fields: string[] };

const selectTarget = "StarlingDoveService.SelectAggregateResourceConfig";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function rowsOf(items: Iterable<ConfigItem>, q: Query): string[] {
  if (!q.groupBy) {
    const rows: string[] = [];
    for (const item of items) if (matches(item, q.where)) rows.push(JSON.stringify(project(item, q.fields)));
    return rows;
  }
  const groups = new Map<string, { key: Record<string, unknown>; n: number }>();
  for (const item of items) {
    if (!matches(item, q.where)) continue;
    const key = Object.fromEntries(q.groupBy.map((f) => [f, valueAt(item, f)]));
    const id = JSON.stringify(key);
    const g = groups.get(id) ?? { key, n: 0 };
    g.n++;
    groups.set(id, g);
  }
  return [...groups.values()].map((g) => JSON.stringify({ ...g.key, "COUNT(*)": g.n }));
}

/** Equality conditions (and a lower capture-time bound) that let a source skip what cannot match. */
function hintOf(q: Query): Map<string, string> {
  const hint = new Map<string, string>();
  for (const c of q.where) {
    if (c.op === "=") hint.set(c.path, c.value);
    if (c.op === ">" && c.path === "configurationItemCaptureTime") hint.set("configurationItemCaptureTime>", c.value);
  }
  return hint;
}

export async function startConfigDouble(options: {
  moto: string;
  source: ItemSource & { capture?: (accounts: string[]) => Promise<void> };
  pageLatencyMs?: number;
  /** Benchmarks drive the double through POST /__double/<name>?<params> (e.g. touch n items). */
  control?: (name: string, params: URLSearchParams) => unknown;
}) {
  const snapshots = new Map<string, Snapshot>();
  const stats = { selects: 0, throttled: 0, denied: 0 };
  let fault: DoubleFault | null = null;

  const forward = forwarderTo(options.moto);

  // An aggregator's scope is looked up once per caller, region and name for a few seconds: the pages of a
  // load would otherwise each wait for moto, which answers one request at a time under load.
  const scopes = new Map<string, { at: number; scope: ReturnType<typeof lookUpScope> }>();
  function aggregatorScope(req: http.IncomingMessage, name: string) {
    const credential = /Credential=([^/]+)\/[^/]+\/([^/]+)\//
      .exec(String(req.headers.authorization))
      ?.slice(1)
      .join("|");
    const key = `${credential}|${name}`;
    const hit = scopes.get(key);
    if (hit && Date.now() - hit.at < 5_000) return hit.scope;
    const scope = lookUpScope(req, name);
    scopes.set(key, { at: Date.now(), scope });
    return scope;
  }

  /** The aggregator as moto knows it, asked with the caller's credentials (its account and region). */
  async function lookUpScope(req: http.IncomingMessage, name: string) {
    // moto reads the account from the access key and the region from the signature's scope.
    const headers: Record<string, string> = {
      "content-type": json,
      "x-amz-target": "StarlingDoveService.DescribeConfigurationAggregators",
    };
    for (const h of ["authorization", "x-amz-date", "x-amz-security-token"]) {
      const v = req.headers[h];
      if (typeof v === "string") headers[h] = v;
    }
    const answer = await fetch(options.moto, {
      method: "POST",
      headers,
      body: JSON.stringify({ ConfigurationAggregatorNames: [name] }),
    });
    const body = (await answer.json()) as Record<string, unknown>;
    if (!answer.ok) return { error: { status: answer.status, body } };
    const aggregator = (body.ConfigurationAggregators as Record<string, unknown>[])[0]!;
    const sources = (aggregator.AccountAggregationSources ?? []) as {
      AccountIds?: string[];
      AllAwsRegions?: boolean;
      AwsRegions?: string[];
    }[];
    const accounts = [...new Set(sources.flatMap((s) => s.AccountIds ?? []))];
    const regions = sources.some((s) => s.AllAwsRegions)
      ? null
      : [...new Set(sources.flatMap((s) => s.AwsRegions ?? []))];
    return { accounts, regions };
  }

  async function select(req: http.IncomingMessage, res: http.ServerResponse, raw: Buffer) {
    stats.selects++;
    const started = Date.now();
    const input = JSON.parse(raw.toString("utf8") || "{}") as {
      ConfigurationAggregatorName?: string;
      Expression?: string;
      Limit?: number;
      MaxResults?: number;
      NextToken?: string;
    };
    const latency = async () => void (await sleep(Math.max(0, (options.pageLatencyMs ?? 0) - (Date.now() - started))));
    if (fault && fault.times > 0 && fault.kind !== "bad-item") {
      fault.times--;
      await latency();
      if (fault.kind === "reject")
        return error(res, "InvalidExpressionException", "The syntax of the query is incorrect.");
      if (fault.kind === "throttle") {
        stats.throttled++;
        return error(res, "ThrottlingException", "Rate exceeded");
      }
      stats.denied++;
      return error(
        res,
        "AccessDeniedException",
        "User: arn:aws:sts::000000000000:assumed-role/console/session is not authorized to perform: " +
          "config:SelectAggregateResourceConfig because no identity-based policy allows the config:SelectAggregateResourceConfig action",
      );
    }
    const name = input.ConfigurationAggregatorName ?? "";
    const limit = input.Limit ?? input.MaxResults ?? 0;
    if (!Number.isInteger(limit) || limit < 0 || limit > 100)
      return error(res, "InvalidLimitException", "The limit must be between 0 and 100.");
    if (!/^[\w-]{1,256}$/.test(name))
      return error(
        res,
        "ValidationException",
        "1 validation error detected: Value at 'configurationAggregatorName' failed to satisfy constraint",
      );
    const scope = await aggregatorScope(req, name);
    if ("error" in scope) {
      await latency();
      return reply(res, scope.error!.status, scope.error!.body);
    }
    let snapshot: Snapshot | undefined;
    let offset = 0;
    if (input.NextToken) {
      const [id, at] = input.NextToken.split(".");
      snapshot = snapshots.get(id ?? "");
      offset = Number(at);
      if (!snapshot || !Number.isInteger(offset))
        return error(res, "InvalidNextTokenException", "The nextToken provided is invalid");
    } else {
      let query: Query;
      try {
        if (!input.Expression || input.Expression.length > 4096) throw new InvalidExpression("Expression length");
        query = parseQuery(input.Expression);
      } catch (err) {
        if (err instanceof InvalidExpression)
          return error(res, "InvalidExpressionException", `Invalid expression: ${err.message}`);
        throw err;
      }
      await options.source.capture?.(scope.accounts);
      const items = await options.source.items(scope, hintOf(query));
      snapshot = { rows: rowsOf(items, query), fields: query.fields };
    }
    const size = limit || (snapshot.fields.includes("COUNT(*)") ? 500 : 25);
    const rows = snapshot.rows.slice(offset, offset + size);
    let next: string | undefined;
    if (offset + size < snapshot.rows.length) {
      const id = input.NextToken?.split(".")[0] ?? randomUUID();
      snapshots.set(id, snapshot);
      next = `${id}.${offset + size}`;
    } else if (input.NextToken) snapshots.delete(input.NextToken.split(".")[0]!);
    if (fault?.kind === "bad-item" && fault.times > 0 && rows.length && !snapshot.fields.includes("COUNT(*)")) {
      fault.times--;
      rows[0] = JSON.stringify({ ...(JSON.parse(rows[0]!) as object), accountId: "not-an-account" });
    }
    await latency();
    reply(res, 200, {
      Results: rows,
      QueryInfo: { SelectFields: snapshot.fields.map((f) => ({ Name: f })) },
      ...(next ? { NextToken: next } : {}),
    });
  }

  // An injected AccessDenied also refuses the rule and compliance calls the double serves (rules.ts).
  const denied = () => {
    if (fault?.kind !== "deny" || fault.times <= 0) return false;
    fault.times--;
    stats.denied++;
    return true;
  };
  const rules = configRules({ moto: options.moto, source: options.source, scopeOf: aggregatorScope, forward, denied });

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://double");
    if (options.control && url.pathname.startsWith("/__double/"))
      return reply(res, 200, options.control(url.pathname.slice("/__double/".length), url.searchParams) ?? {});
    const target = String(req.headers["x-amz-target"]);
    if (target !== selectTarget && !ruleTargets.has(target)) return forward(req, res);
    readBody(req)
      .then((raw) => (target === selectTarget ? select(req, res, raw) : rules(req, res, raw)))
      .catch((err) => {
        console.error("[config-double]", err);
        if (!res.headersSent) reply(res, 500, { __type: "InternalFailure", message: "The double failed" });
      });
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    /** The next `times` SelectAggregateResourceConfig requests fail with this fault. */
    fail(kind: DoubleFault["kind"], times: number) {
      fault = { kind, times };
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
