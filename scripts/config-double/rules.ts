// AWS Config rules and their aggregate compliance for the Config double. moto 5.2.5 (scripts/requirements-moto.txt)
// cannot serve them: its PutConfigRule accepts the owners AWS and CUSTOM_LAMBDA only, not CUSTOM_POLICY (a Guard
// rule), and it has no DescribeAggregateComplianceByConfigRules or GetAggregateComplianceDetailsByConfigRule. So the
// double keeps CUSTOM_POLICY rules per caller account and region, in Config's JSON 1.1 wire format (the documented
// error shapes, NextToken paging), and forwards every other rule request to moto.
// It does not run CloudFormation Guard: a rule whose text is the console's Guard rule is evaluated as that rule reads
// (an SSE-KMS default without a Bucket Key is NON_COMPLIANT, any other bucket COMPLIANT) on the same configuration
// items the queries read; any other policy text has no evaluations (INSUFFICIENT_DATA), as a rule that never ran.
import type http from "node:http";
import { randomBytes } from "node:crypto";
import { guardRule } from "../../lib/inventory/config/guardrail";
import type { ConfigItem, ItemSource } from "./items";
import { error, reply } from "./wire";

type Scope = { accounts: string[]; regions: string[] | null };
type StoredRule = { account: string; region: string; rule: Record<string, unknown>; at: number };
type Answer = (res: http.ServerResponse, input: Record<string, unknown>, caller: Caller) => Promise<void> | void;
type Caller = { req: http.IncomingMessage; account: string; region: string };

const targets = [
  "PutConfigRule",
  "DescribeConfigRules",
  "DescribeAggregateComplianceByConfigRules",
  "GetAggregateComplianceDetailsByConfigRule",
] as const;
export const ruleTargets = new Set(targets.map((t) => `StarlingDoveService.${t}`));

const sseKmsWithoutBucketKey = (item: ConfigItem) => {
  const rules = (item.supplementaryConfiguration as { ServerSideEncryptionConfiguration?: { rules?: unknown[] } })
    ?.ServerSideEncryptionConfiguration?.rules;
  return (rules ?? []).some((r) => {
    const rule = r as { applyServerSideEncryptionByDefault?: { sseAlgorithm?: string }; bucketKeyEnabled?: boolean };
    return rule.applyServerSideEncryptionByDefault?.sseAlgorithm === "aws:kms" && rule.bucketKeyEnabled !== true;
  });
};

/** A page of `rows` from an opaque offset token; null when the token is not one this double gave. */
function pageOf<T>(rows: T[], token: unknown, size: number): { rows: T[]; next?: string } | null {
  const offset = token === undefined ? 0 : Number(/^p(\d+)$/.exec(String(token))?.[1] ?? NaN);
  if (!Number.isInteger(offset)) return null;
  const end = offset + size;
  return { rows: rows.slice(offset, end), ...(end < rows.length ? { next: `p${end}` } : {}) };
}

export function configRules(options: {
  moto: string;
  source: ItemSource & { capture?: (accounts: string[]) => Promise<void> };
  scopeOf: (
    req: http.IncomingMessage,
    aggregator: string,
  ) => Promise<Scope | { error: { status: number; body: unknown } }>;
  forward: (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => void;
  /** Consumes an injected AccessDenied fault, if one is set. */
  denied: () => boolean;
}) {
  const rules = new Map<string, StoredRule>();
  const accounts = new Map<string, Promise<string>>();

  /** The caller's account as moto knows it: STS GetCallerIdentity with the caller's own access key (moto reads it). */
  function accountOf(req: http.IncomingMessage): Promise<string> {
    const key = /Credential=([^/]+)\//.exec(String(req.headers.authorization))?.[1] ?? "";
    if (!accounts.has(key)) accounts.set(key, askMotoWhoIs(key, req.headers["x-amz-security-token"]));
    return accounts.get(key)!;
  }
  async function askMotoWhoIs(accessKey: string, token: string | string[] | undefined): Promise<string> {
    // moto does not check signatures (outside its IAM-enforcing mode): a request naming the key is enough.
    const answer = await fetch(options.moto, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `AWS4-HMAC-SHA256 Credential=${accessKey}/20260101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=${"0".repeat(64)}`,
        ...(typeof token === "string" ? { "x-amz-security-token": token } : {}),
      },
      body: "Action=GetCallerIdentity&Version=2011-06-15",
    });
    const account = /<Account>(\d{12})<\/Account>/.exec(await answer.text())?.[1];
    if (!account) throw new Error(`moto did not name the account of ${accessKey}`);
    return account;
  }

  /** The console's Guard rule, evaluated on a region's items of one account; null for another policy text. */
  async function evaluations(stored: StoredRule): Promise<{ bucket: string; nonCompliant: boolean }[] | null> {
    const source = (stored.rule.Source ?? {}) as { CustomPolicyDetails?: { PolicyText?: string } };
    if (source.CustomPolicyDetails?.PolicyText !== guardRule) return null;
    await options.source.capture?.([stored.account]);
    const hint = new Map([
      ["accountId", stored.account],
      ["awsRegion", stored.region],
    ]);
    const items = await options.source.items({ accounts: [stored.account], regions: [stored.region] }, hint);
    return [...items]
      .filter((i) => i.configurationItemStatus !== "ResourceDeleted" && i.accountId === stored.account)
      .filter((i) => i.awsRegion === stored.region)
      .map((i) => ({ bucket: i.resourceName, nonCompliant: sseKmsWithoutBucketKey(i) }));
  }

  const putConfigRule: Answer = (res, input, caller) => {
    const rule = (input.ConfigRule ?? {}) as Record<string, unknown>;
    const name = String(rule.ConfigRuleName ?? "");
    const source = (rule.Source ?? {}) as { Owner?: string; CustomPolicyDetails?: Record<string, unknown> };
    if (!/^[\w-]{1,128}$/.test(name))
      return error(
        res,
        "ValidationException",
        "1 validation error detected: Value at 'configRule.configRuleName' failed to satisfy constraint",
      );
    const details = source.CustomPolicyDetails;
    if (!details?.PolicyText || details.PolicyRuntime !== "guard-2.x.x")
      return error(
        res,
        "InvalidParameterValueException",
        "CustomPolicyDetails with PolicyRuntime guard-2.x.x and a PolicyText are required when the owner is CUSTOM_POLICY.",
      );
    const key = `${caller.account}|${caller.region}|${name}`;
    const id = rules.get(key)?.rule.ConfigRuleId ?? `config-rule-${randomBytes(3).toString("hex")}`;
    const arn = `arn:aws:config:${caller.region}:${caller.account}:config-rule/${id}`;
    const stored = { ...rule, ConfigRuleId: id, ConfigRuleArn: arn, ConfigRuleState: "ACTIVE" };
    rules.set(key, { account: caller.account, region: caller.region, rule: stored, at: Date.now() });
    reply(res, 200, {});
  };

  const heldBy = (caller: Caller) =>
    [...rules.values()].filter((r) => r.account === caller.account && r.region === caller.region);

  /** The rules this double holds for the caller (the dispatcher sends any other name to moto). */
  const describeConfigRules: Answer = (res, input, caller) => {
    const names = (input.ConfigRuleNames ?? []) as string[];
    const held = heldBy(caller).filter((r) => !names.length || names.includes(String(r.rule.ConfigRuleName)));
    reply(res, 200, { ConfigRules: held.map((r) => r.rule) });
  };

  async function rulesInScope(req: http.IncomingMessage, res: http.ServerResponse, aggregator: unknown) {
    const scope = await options.scopeOf(req, String(aggregator ?? ""));
    if ("error" in scope) {
      reply(res, scope.error.status, scope.error.body);
      return null;
    }
    return [...rules.values()].filter(
      (r) => scope.accounts.includes(r.account) && (!scope.regions || scope.regions.includes(r.region)),
    );
  }

  const describeAggregateCompliance: Answer = async (res, input, caller) => {
    const limit = Number(input.Limit ?? 0);
    if (!Number.isInteger(limit) || limit < 0 || limit > 1000)
      return error(res, "InvalidLimitException", "The limit must be between 0 and 1000.");
    const inScope = await rulesInScope(caller.req, res, input.ConfigurationAggregatorName);
    if (!inScope) return;
    const f = (input.Filters ?? {}) as Record<string, string | undefined>;
    const rows = [];
    for (const r of inScope) {
      if (f.ConfigRuleName && r.rule.ConfigRuleName !== f.ConfigRuleName) continue;
      if ((f.AccountId && r.account !== f.AccountId) || (f.AwsRegion && r.region !== f.AwsRegion)) continue;
      const results = await evaluations(r);
      const flagged = results?.filter((e) => e.nonCompliant).length ?? 0;
      const type = !results?.length ? "INSUFFICIENT_DATA" : flagged ? "NON_COMPLIANT" : "COMPLIANT";
      if (f.ComplianceType && f.ComplianceType !== type) continue;
      const count = flagged
        ? { ComplianceContributorCount: { CappedCount: Math.min(flagged, 100), CapExceeded: flagged > 100 } }
        : {};
      rows.push({
        ConfigRuleName: r.rule.ConfigRuleName,
        Compliance: { ComplianceType: type, ...count },
        AccountId: r.account,
        AwsRegion: r.region,
      });
    }
    const page = pageOf(rows, input.NextToken, limit || 100);
    if (!page) return error(res, "InvalidNextTokenException", "The nextToken provided is invalid");
    reply(res, 200, { AggregateComplianceByConfigRules: page.rows, ...(page.next ? { NextToken: page.next } : {}) });
  };

  const getAggregateComplianceDetails: Answer = async (res, input, caller) => {
    for (const field of ["ConfigurationAggregatorName", "ConfigRuleName", "AccountId", "AwsRegion"])
      if (!input[field])
        return error(
          res,
          "ValidationException",
          `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`,
        );
    const limit = Number(input.Limit ?? 0);
    if (!Number.isInteger(limit) || limit < 0 || limit > 100)
      return error(res, "InvalidLimitException", "The limit must be between 0 and 100.");
    const inScope = await rulesInScope(caller.req, res, input.ConfigurationAggregatorName);
    if (!inScope) return;
    const r = inScope.find(
      (x) =>
        x.rule.ConfigRuleName === input.ConfigRuleName && x.account === input.AccountId && x.region === input.AwsRegion,
    );
    const seconds = (r?.at ?? Date.now()) / 1000;
    const results = (r ? ((await evaluations(r)) ?? []) : [])
      .map((e) => ({ ...e, type: e.nonCompliant ? "NON_COMPLIANT" : "COMPLIANT" }))
      .filter((e) => !input.ComplianceType || e.type === input.ComplianceType)
      .map((e) => ({
        EvaluationResultIdentifier: {
          EvaluationResultQualifier: {
            ConfigRuleName: input.ConfigRuleName,
            ResourceType: "AWS::S3::Bucket",
            ResourceId: e.bucket,
            EvaluationMode: "DETECTIVE",
          },
          OrderingTimestamp: seconds,
        },
        ComplianceType: e.type,
        ResultRecordedTime: seconds,
        ConfigRuleInvokedTime: seconds,
        AccountId: input.AccountId,
        AwsRegion: input.AwsRegion,
      }));
    const page = pageOf(results, input.NextToken, limit || 50);
    if (!page) return error(res, "InvalidNextTokenException", "The nextToken provided is invalid");
    reply(res, 200, { AggregateEvaluationResults: page.rows, ...(page.next ? { NextToken: page.next } : {}) });
  };

  const answers: Record<(typeof targets)[number], Answer> = {
    PutConfigRule: putConfigRule,
    DescribeConfigRules: describeConfigRules,
    DescribeAggregateComplianceByConfigRules: describeAggregateCompliance,
    GetAggregateComplianceDetailsByConfigRule: getAggregateComplianceDetails,
  };

  return async function answer(req: http.IncomingMessage, res: http.ServerResponse, raw: Buffer): Promise<void> {
    const operation = String(req.headers["x-amz-target"]).split(".")[1] as (typeof targets)[number];
    const input = JSON.parse(raw.toString("utf8") || "{}") as Record<string, unknown>;
    const owner = (input.ConfigRule as { Source?: { Owner?: string } } | undefined)?.Source?.Owner ?? "";
    if (operation === "PutConfigRule" && owner !== "CUSTOM_POLICY") return options.forward(req, res, raw);
    if (options.denied())
      return error(
        res,
        "AccessDeniedException",
        `User: arn:aws:sts::000000000000:assumed-role/console/session is not authorized to perform: config:${operation} ` +
          `because no identity-based policy allows the config:${operation} action`,
      );
    const region = /Credential=[^/]+\/[^/]+\/([^/]+)\//.exec(String(req.headers.authorization))?.[1] ?? "us-east-1";
    const caller = { req, account: await accountOf(req), region };
    // A name the double does not hold may be a rule moto keeps (AWS or CUSTOM_LAMBDA): moto answers, or refuses it.
    const names = (input.ConfigRuleNames ?? []) as string[];
    const held = new Set(heldBy(caller).map((r) => r.rule.ConfigRuleName));
    if (operation === "DescribeConfigRules" && (!names.length ? !held.size : names.some((n) => !held.has(n))))
      return options.forward(req, res, raw);
    await answers[operation](res, input, caller);
  };
}
