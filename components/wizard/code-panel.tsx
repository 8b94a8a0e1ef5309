"use client";
import { useState } from "react";
import type { CodeSnippets } from "@/lib/contracts/encryption";
import { Button } from "@/components/ui/button";

const tabs: { id: keyof CodeSnippets; label: string }[] = [
  { id: "cli", label: "AWS CLI" },
  { id: "terraform", label: "Terraform" },
  { id: "cloudformation", label: "CloudFormation" },
];

/** "Show as code": the same change for the CLI and infrastructure-as-code, with copy buttons. */
export function CodePanel({ code }: { code: CodeSnippets }) {
  const [open, setOpen] = useState(false);
  const [tab, setTab] = useState<keyof CodeSnippets>("cli");
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async () => {
    await navigator.clipboard.writeText(code[tab]).then(
      () => setCopied(tab),
      () => setCopied(null),
    );
  };
  return (
    <div className="rounded-lg border border-slate-200 bg-white">
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        className="w-full px-3 py-2 text-left text-sm font-medium"
      >
        {open ? "▾" : "▸"} Show as code
      </button>
      {open && (
        <div className="border-t border-slate-200 p-3">
          <div role="tablist" aria-label="Code format" className="mb-2 flex gap-1">
            {tabs.map((t) => (
              <button
                key={t.id}
                type="button"
                role="tab"
                aria-selected={tab === t.id}
                onClick={() => setTab(t.id)}
                className={`rounded px-2 py-1 text-xs ${tab === t.id ? "bg-brand-600 text-white" : "bg-slate-100"}`}
              >
                {t.label}
              </button>
            ))}
            <Button size="sm" onClick={copy} className="ml-auto">
              {copied === tab ? "Copied" : "Copy"}
            </Button>
          </div>
          <pre
            role="tabpanel"
            className="overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100"
            data-testid={`code-${tab}`}
          >
            {code[tab]}
          </pre>
        </div>
      )}
    </div>
  );
}
