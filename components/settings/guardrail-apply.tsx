"use client";
import { useState } from "react";
import type { GuardrailCompliance } from "@/lib/contracts/guardrail";
import { useAccounts } from "@/lib/client/use-accounts";
import { useApplyGuardrail } from "@/lib/client/use-apply-guardrail";
import { useGuardrailCompliance } from "@/lib/client/use-guardrail-compliance";
import { Button } from "@/components/ui/button";
import { QueryState } from "@/components/ui/query-state";

// The guardrail applied in one account, after a confirmation that shows exactly what PutConfigRule will create, and
// read back from the aggregator: per account, whether the rule is in place and the buckets it flags NON_COMPLIANT.

type Props = { ruleName: string; guard: string; defaultRegion: string };

export function GuardrailApply({ ruleName, guard, defaultRegion }: Props) {
  const compliance = useGuardrailCompliance();
  return (
    <section className="space-y-3 border-t border-slate-200 pt-3" aria-label="Guardrail in place">
      <h3 className="font-medium">Guardrail in place ({ruleName})</h3>
      <QueryState
        query={compliance}
        loading="Reading the guardrail's compliance"
        rows={2}
        errorTitle="The guardrail's compliance could not be read."
      >
        {(data) => <ComplianceTable compliance={data} />}
      </QueryState>
      <ApplyForm ruleName={ruleName} guard={guard} defaultRegion={defaultRegion} />
    </section>
  );
}

function ComplianceTable({ compliance }: { compliance: GuardrailCompliance }) {
  if (!compliance.accounts.length)
    return <p className="text-slate-600">No account is known from the aggregator yet.</p>;
  return (
    <table className="w-full text-left text-xs" data-testid="guardrail-compliance">
      <thead className="text-slate-500">
        <tr>
          <th className="py-1 pr-3">Account</th>
          <th className="py-1 pr-3">Guardrail</th>
          <th className="py-1">Flags (NON_COMPLIANT buckets)</th>
        </tr>
      </thead>
      <tbody>
        {compliance.accounts.map((a) => (
          <tr key={a.account} className="border-t border-slate-100 align-top" data-testid={`guardrail-${a.account}`}>
            <td className="py-1 pr-3 font-mono">{a.account}</td>
            <td className="py-1 pr-3">
              {a.regions.length
                ? `In place (${a.regions.map((r) => `${r.region}: ${r.compliance}`).join(", ")})`
                : "Not in place"}
            </td>
            <td className="py-1">
              {a.flaggedCount === 0
                ? a.regions.length
                  ? "None"
                  : "—"
                : `${a.flagged.map((f) => `${f.bucket} (${f.region})`).join(", ")}${
                    a.flaggedCount > a.flagged.length ? ` and ${a.flaggedCount - a.flagged.length} more` : ""
                  }`}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ApplyForm({ ruleName, guard, defaultRegion }: Props) {
  const accounts = useAccounts().data?.accounts.filter((a) => a.status === "ok") ?? [];
  const own = accounts.find((a) => a.source === "console")?.id ?? "";
  const [account, setAccount] = useState("");
  const [region, setRegion] = useState(defaultRegion);
  const [reviewing, setReviewing] = useState(false);
  const apply = useApplyGuardrail();
  const chosen = account || own;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col gap-1">
          <span>Account (one the console has a role in)</span>
          <select
            className="rounded border border-slate-300 px-2 py-1 font-mono"
            value={chosen}
            onChange={(e) => (setAccount(e.target.value), setReviewing(false))}
          >
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.id} · {a.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span>Region</span>
          <input
            className="w-36 rounded border border-slate-300 px-2 py-1 font-mono"
            value={region}
            onChange={(e) => (setRegion(e.target.value.trim()), setReviewing(false))}
          />
        </label>
        <Button onClick={() => (apply.reset(), setReviewing(true))} disabled={!chosen || !region}>
          Review the rule for this account
        </Button>
      </div>
      {reviewing && (
        <div className="space-y-2 rounded border border-amber-300 bg-amber-50 p-3" data-testid="guardrail-confirm">
          <p>
            <strong>PutConfigRule</strong> in account <span className="font-mono">{chosen}</span>, region{" "}
            <span className="font-mono">{region}</span>, through the console&rsquo;s role there, creates (or replaces)
            the AWS Config rule <span className="font-mono">{ruleName}</span>: owner CUSTOM_POLICY (Guard 2.x, no
            Lambda), scope AWS::S3::Bucket, evaluated on every configuration change, with this policy. No remediation is
            created (deploy it with the templates above). Config must record AWS::S3::Bucket in that account and region.
          </p>
          {/* Scrolls: focusable, so a keyboard can scroll it too. */}
          <pre
            className="max-h-64 overflow-auto rounded bg-slate-900 p-2 text-xs text-slate-100"
            role="region"
            aria-label="Guard policy to be created"
            tabIndex={0}
          >
            {guard}
          </pre>
          <div className="flex gap-2">
            <Button
              variant="primary"
              disabled={apply.isPending}
              onClick={() =>
                apply.mutate(
                  { region, account: chosen === own ? null : chosen },
                  { onSuccess: () => setReviewing(false) },
                )
              }
            >
              {apply.isPending ? "Creating…" : `Create the rule in ${chosen}`}
            </Button>
            <Button onClick={() => setReviewing(false)}>Cancel</Button>
          </div>
        </div>
      )}
      {apply.isSuccess && (
        <p role="status" className="text-green-800">
          {`Created in ${apply.data.account}, ${apply.data.region}: ${apply.data.ruleArn ?? apply.data.ruleName} (History, write #${apply.data.writeId}).`}
        </p>
      )}
      {apply.isError && (
        <p role="alert" className="rounded border border-red-200 bg-red-50 p-2 text-red-900">
          {apply.error.message}
        </p>
      )}
    </div>
  );
}
