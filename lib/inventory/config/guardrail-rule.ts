import "server-only";
import { DescribeConfigRulesCommand, PutConfigRuleCommand } from "@aws-sdk/client-config-service";
import { AppError } from "@/lib/contracts/errors";
import type { GuardrailApplied } from "@/lib/contracts/guardrail";
import { configClient } from "@/lib/aws/clients";
import { actingUserName } from "@/lib/aws/account-context";
import { isAwsError } from "@/lib/aws/errors";
import { awsCallError } from "@/lib/aws/send";
import { currentAccountId } from "@/lib/accounts/accounts";
import { beginWrite, settleWrite, unsettledWrites, type StoredWrite } from "@/lib/changes/write-log";
import { outcomeOfError, thrownWrite } from "@/lib/changes/write-outcome";
import { guardrailConfigRule, guardRule, ruleName } from "./guardrail";

// The guardrail put in one account and region: PutConfigRule (a CUSTOM_POLICY rule, the Guard text of guardrail.ts)
// through the account's role, recorded first (lib/changes/write-log.ts) and settled by reading the rule back with
// DescribeConfigRules. PutConfigRule replaces a rule of the same name, so asking again after a lost answer is safe.
// The remediation stays in the templates: it needs a key and a role per account the console cannot choose.

type RuleRequest = { region: string };

/** The rule as Config holds it in the current account and region; null when there is none. */
async function readRule(region: string) {
  try {
    const out = await configClient(region).send(new DescribeConfigRulesCommand({ ConfigRuleNames: [ruleName] }));
    return out.ConfigRules?.[0] ?? null;
  } catch (err) {
    if (isAwsError(err, "NoSuchConfigRuleException")) return null;
    throw awsCallError(err, "DescribeConfigRules", `${ruleName} in ${region}`);
  }
}

/** Reads the rule back and settles the record: in place with the console's Guard text, or not there. */
async function settleRuleWrite(write: StoredWrite<RuleRequest>) {
  try {
    const rule = await readRule(write.request.region);
    const same = rule?.Source?.CustomPolicyDetails?.PolicyText === guardRule;
    return (
      settleWrite<RuleRequest>(
        write.id,
        rule && same
          ? {
              status: "applied",
              note: `Checked: AWS Config has the rule (${rule.ConfigRuleArn}).`,
              result: rule.ConfigRuleArn,
            }
          : {
              status: "failed",
              note: rule ? "Checked: the rule there has another policy text." : "Checked: AWS Config has no such rule.",
            },
      ) ?? write
    );
  } catch (err) {
    const why = err instanceof AppError ? err.message : "unexpected error";
    return (
      settleWrite<RuleRequest>(write.id, { status: "unknown", note: `Reading the rule back failed: ${why}` }) ?? write
    );
  }
}

/** Puts the guardrail in the current account (route() entered it) and region, and reads it back. */
export async function applyGuardrail(region: string): Promise<GuardrailApplied> {
  const account = await currentAccountId();
  const write = beginWrite<RuleRequest>(
    { account, kind: "config-rule", target: `${ruleName} in ${region}`, user: actingUserName(), request: { region } },
    "PutConfigRule sent to AWS Config.",
  );
  const where = `${ruleName} in account ${account}, ${region}`;
  let answered = true;
  try {
    await configClient(region).send(new PutConfigRuleCommand({ ConfigRule: guardrailConfigRule() }));
  } catch (err) {
    const outcome = outcomeOfError("PutConfigRule", thrownWrite(err));
    settleWrite(write.id, outcome);
    if (outcome.status === "failed") throw awsCallError(err, "PutConfigRule", where);
    answered = false;
  }
  const settled = await settleRuleWrite(write);
  if (settled.status === "unknown")
    throw new AppError(
      "unverified",
      `AWS Config did not confirm ${where}: it is recorded as unknown (History) and read again at the next start; ` +
        "apply it again to be sure (it replaces a rule of the same name).",
    );
  if (settled.status === "failed")
    throw new AppError(
      "check_failed",
      answered
        ? `AWS Config accepted ${where}, but it is not there when read back.`
        : `AWS Config did not answer PutConfigRule for ${where}, and the rule is not there: nothing changed; apply it again.`,
    );
  return { account, region, ruleName, ruleArn: settled.result, writeId: write.id };
}

/** Start-up: guardrail writes a crash or a lost answer left unsettled in the current account, settled by reading. */
export async function settleGuardrailWrites(statuses: readonly ("pending" | "unknown")[]): Promise<void> {
  const account = await currentAccountId();
  for (const write of unsettledWrites<RuleRequest>("config-rule", statuses).filter((w) => w.account === account))
    await settleRuleWrite(write);
}
