import "server-only";
import {
  DescribeConfigurationAggregatorsCommand,
  SelectAggregateResourceConfigCommand,
  type ConfigurationAggregator,
} from "@aws-sdk/client-config-service";
import { AppError } from "@/lib/contracts/errors";
import type { AggregatorInfo } from "@/lib/contracts/config-source";
import { configClient } from "@/lib/aws/clients";
import { awsErrorName } from "@/lib/aws/errors";
import { awsCallError } from "@/lib/aws/send";
import { pageSize } from "./queries";

// The two Config calls of the inventory source. A query is paged with NextToken; a page that is
// still throttled after the SDK's own retries (adaptive mode) is asked again after a pause that
// doubles each time, and the pause is shared: one throttled page slows every query of the load.

export type Aggregator = { name: string; region: string };

const throttled = new Set(["ThrottlingException", "Throttling", "TooManyRequestsException", "LimitExceededException"]);

export type Pacer = { pauseUntil: number; throttles: number; queries: number; retryBaseMs: number };
export const newPacer = (retryBaseMs = 1_000): Pacer => ({ pauseUntil: 0, throttles: 0, queries: 0, retryBaseMs });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function configError(err: unknown, aggregator: Aggregator): AppError {
  const name = awsErrorName(err);
  const where = `aggregator ${aggregator.name} in ${aggregator.region}`;
  if (name === "NoSuchConfigurationAggregatorException")
    return new AppError(
      "not_found",
      `AWS Config has no ${where}. Check the name under Settings → Inventory source, and pick the region the ` +
        "aggregator was created in (an aggregator answers only there).",
    );
  if (name === "InvalidExpressionException")
    return new AppError(
      "check_failed",
      `AWS Config rejected the console's query on ${where} (InvalidExpressionException).`,
    );
  if (name === "InvalidNextTokenException")
    return new AppError("check_failed", `AWS Config refused a page token on ${where}; run the load again.`);
  return awsCallError(err, "SelectAggregateResourceConfig", where);
}

const maxPageAttempts = 6;

/** Every page of one query, each page's Results as Config returns them (JSON strings). */
export async function* selectPages(
  aggregator: Aggregator,
  expression: string,
  pacer: Pacer,
  cancelled: () => boolean = () => false,
): AsyncGenerator<string[]> {
  const client = configClient(aggregator.region);
  let token: string | undefined;
  do {
    let page;
    for (let attempt = 1; ; attempt++) {
      const wait = pacer.pauseUntil - Date.now();
      if (wait > 0) await sleep(wait);
      if (cancelled()) return;
      try {
        pacer.queries++;
        page = await client.send(
          new SelectAggregateResourceConfigCommand({
            ConfigurationAggregatorName: aggregator.name,
            Expression: expression,
            Limit: pageSize,
            NextToken: token,
          }),
        );
        break;
      } catch (err) {
        if (!throttled.has(awsErrorName(err)) || attempt === maxPageAttempts) throw configError(err, aggregator);
        pacer.throttles++;
        pacer.pauseUntil = Math.max(pacer.pauseUntil, Date.now() + pacer.retryBaseMs * 2 ** (attempt - 1));
      }
    }
    yield page.Results ?? [];
    token = page.NextToken || undefined;
  } while (token);
}

function infoOf(a: ConfigurationAggregator, region: string): AggregatorInfo {
  const sources = a.AccountAggregationSources ?? [];
  const org = a.OrganizationAggregationSource;
  const allRegions = org ? org.AllAwsRegions === true : sources.some((s) => s.AllAwsRegions);
  const regions = org ? (org.AwsRegions ?? []) : sources.flatMap((s) => s.AwsRegions ?? []);
  return {
    name: a.ConfigurationAggregatorName ?? "",
    region,
    scope: org ? "organization" : "accounts",
    accounts: [...new Set(sources.flatMap((s) => s.AccountIds ?? []))].sort(),
    regions: allRegions ? null : [...new Set(regions)].sort(),
  };
}

/** The aggregators of the console's account in this region. */
export async function describeAggregators(region: string): Promise<AggregatorInfo[]> {
  const client = configClient(region);
  const found: AggregatorInfo[] = [];
  let token: string | undefined;
  try {
    do {
      const page = await client.send(new DescribeConfigurationAggregatorsCommand({ NextToken: token }));
      for (const a of page.ConfigurationAggregators ?? []) found.push(infoOf(a, region));
      token = page.NextToken || undefined;
    } while (token);
  } catch (err) {
    throw awsCallError(err, "DescribeConfigurationAggregators", `the aggregators in ${region}`);
  }
  return found;
}
