import "server-only";
import {
  DescribeAggregateComplianceByConfigRulesCommand,
  GetAggregateComplianceDetailsByConfigRuleCommand,
  type AggregateComplianceByConfigRule,
} from "@aws-sdk/client-config-service";
import type { GuardrailCompliance } from "@/lib/contracts/guardrail";
import { configClient } from "@/lib/aws/clients";
import { inConsoleAccount } from "@/lib/aws/account-context";
import { awsCallError } from "@/lib/aws/send";
import { listAccounts } from "@/lib/accounts/accounts";
import { storedAccounts } from "../accounts";
import { ruleName } from "./guardrail";
import { inventorySource } from "./state";

// Where the guardrail is in place and what it flags, organization-wide, from the aggregator the inventory reads:
// DescribeAggregateComplianceByConfigRules (the rule's compliance per account and region, paged) and, where it
// flags buckets, GetAggregateComplianceDetailsByConfigRule (the NON_COMPLIANT buckets, paged, the first few shown).

/** Buckets listed per account; the count says how many more there are. */
const shownPerAccount = 100;

async function complianceByRegion(aggregator: { name: string; region: string }) {
  const client = configClient(aggregator.region);
  const rows: AggregateComplianceByConfigRule[] = [];
  let token: string | undefined;
  do {
    const page = await client
      .send(
        new DescribeAggregateComplianceByConfigRulesCommand({
          ConfigurationAggregatorName: aggregator.name,
          Filters: { ConfigRuleName: ruleName },
          NextToken: token,
        }),
      )
      .catch((err: unknown) => {
        throw awsCallError(err, "DescribeAggregateComplianceByConfigRules", `aggregator ${aggregator.name}`);
      });
    rows.push(...(page.AggregateComplianceByConfigRules ?? []));
    token = page.NextToken;
  } while (token);
  return rows;
}

async function flaggedBuckets(
  aggregator: { name: string; region: string },
  account: string,
  region: string,
  room: number,
) {
  const client = configClient(aggregator.region);
  const buckets: string[] = [];
  let token: string | undefined;
  do {
    const page = await client
      .send(
        new GetAggregateComplianceDetailsByConfigRuleCommand({
          ConfigurationAggregatorName: aggregator.name,
          ConfigRuleName: ruleName,
          AccountId: account,
          AwsRegion: region,
          ComplianceType: "NON_COMPLIANT",
          Limit: 100,
          NextToken: token,
        }),
      )
      .catch((err: unknown) => {
        throw awsCallError(err, "GetAggregateComplianceDetailsByConfigRule", `aggregator ${aggregator.name}`);
      });
    for (const r of page.AggregateEvaluationResults ?? []) {
      const id = r.EvaluationResultIdentifier?.EvaluationResultQualifier?.ResourceId;
      if (id) buckets.push(id);
    }
    token = buckets.length < room ? page.NextToken : undefined;
  } while (token);
  return buckets.slice(0, room);
}

/** Per account the console knows: the regions where the rule is, and the buckets it flags there. */
export async function guardrailCompliance(): Promise<GuardrailCompliance> {
  const { settings } = inventorySource();
  if (settings.kind !== "config") return { ruleName, aggregator: null, accounts: [] };
  const aggregator = { name: settings.aggregator, region: settings.region };
  // The aggregator is the console's own: asked with its own credentials whatever account a request names.
  return inConsoleAccount(async () => {
    const [rows, { accounts: served }] = await Promise.all([complianceByRegion(aggregator), listAccounts()]);
    // Every account the console serves or the inventory knows (Config's included), and any the rule reports from.
    const known = [
      ...served.map((a) => a.id),
      ...storedAccounts().map((a) => a.account),
      ...rows.map((r) => r.AccountId!),
    ];
    const ids = new Set(known.filter(Boolean));
    const accounts = [];
    for (const account of [...ids].sort()) {
      const mine = rows.filter((r) => r.AccountId === account);
      const flagged: { bucket: string; region: string }[] = [];
      let flaggedCount = 0;
      for (const r of mine.filter((x) => x.Compliance?.ComplianceType === "NON_COMPLIANT")) {
        flaggedCount += r.Compliance?.ComplianceContributorCount?.CappedCount ?? 0;
        const room = shownPerAccount - flagged.length;
        if (room > 0)
          for (const bucket of await flaggedBuckets(aggregator, account, r.AwsRegion!, room))
            flagged.push({ bucket, region: r.AwsRegion! });
      }
      accounts.push({
        account,
        regions: mine.map((r) => ({
          region: r.AwsRegion!,
          compliance: r.Compliance?.ComplianceType ?? "INSUFFICIENT_DATA",
        })),
        flagged,
        flaggedCount: Math.max(flaggedCount, flagged.length),
      });
    }
    return { ruleName, aggregator, accounts };
  });
}
