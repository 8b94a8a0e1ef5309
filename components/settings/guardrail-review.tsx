"use client";
import { useState } from "react";
import type { Guardrail } from "@/lib/contracts/guardrail";

const tabs = { guard: "Config rule (Guard)", cloudFormation: "CloudFormation", terraform: "Terraform" } as const;

/** The Bucket Key guardrail for review: the Guard rule and the templates that deploy it. */
export function GuardrailReview({ guardrail }: { guardrail: Guardrail }) {
  const [tab, setTab] = useState<keyof typeof tabs>("guard");
  return (
    <details className="border-t border-slate-200 pt-3" data-testid="guardrail-review">
      <summary className="cursor-pointer font-medium">Guardrail: keep Bucket Keys on ({guardrail.ruleName})</summary>
      <p className="mt-2 text-slate-700">
        An AWS Config custom policy rule (CloudFormation Guard, no Lambda) marks SSE-KMS buckets without a Bucket Key
        NON_COMPLIANT. The optional remediation runs the SSM runbook AWS-EnableS3BucketKeys with one key for every
        bucket it fixes (without a key it falls back to SSE-S3): turn it on only where the flagged buckets share that
        key. Review, then deploy per account, as a StackSet or in a conformance pack.
      </p>
      <div role="tablist" className="mt-2 flex gap-2">
        {(Object.keys(tabs) as (keyof typeof tabs)[]).map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={tab === t}
            className={`rounded px-2 py-1 ${tab === t ? "bg-slate-800 text-white" : "bg-slate-100"}`}
            onClick={() => setTab(t)}
          >
            {tabs[t]}
          </button>
        ))}
      </div>
      <pre
        className="mt-2 max-h-96 overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-100"
        role="tabpanel"
        tabIndex={0}
      >
        {guardrail[tab]}
      </pre>
    </details>
  );
}
