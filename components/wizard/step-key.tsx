"use client";
import { useState } from "react";
import { useCreateKmsKey } from "@/lib/client/use-create-kms-key";
import { useKmsKeys } from "@/lib/client/use-kms-keys";
import type { KmsKeyOption } from "@/lib/contracts/encryption";
import { Button } from "@/components/ui/button";
import { QueryState } from "@/components/ui/query-state";
import { ChoiceCard } from "./choice-card";
import { typedKeyProblem, type KeyMode, type WizardState } from "./wizard-model";

type Props = {
  state: WizardState;
  region: string;
  onChange: (patch: Partial<WizardState>) => void;
  serverError: string | null;
};

export function StepKey({ state, region, onChange, serverError }: Props) {
  return (
    <fieldset className="space-y-3">
      <legend className="mb-1 text-lg font-semibold">AWS KMS key</legend>
      <p className="text-sm text-slate-600">
        Keys must be in the bucket&apos;s region, <span className="font-mono">{region}</span>.
      </p>
      <div className="grid gap-2 md:grid-cols-3" role="radiogroup" aria-label="How to choose the key">
        {(
          [
            ["choose", "Choose from your AWS KMS keys"],
            ["enter", "Enter AWS KMS key ARN"],
            ["create", "Create a KMS key"],
          ] as [KeyMode, string][]
        ).map(([mode, label]) => (
          <ChoiceCard
            key={mode}
            name="key-mode"
            value={mode}
            checked={state.keyMode === mode}
            onChange={() => onChange({ keyMode: mode })}
            title={label}
          />
        ))}
      </div>
      {state.keyMode === "choose" && (
        <KeyList region={region} chosen={state.chosenKeyArn} onChoose={(arn) => onChange({ chosenKeyArn: arn })} />
      )}
      {state.keyMode === "enter" && (
        <KeyInput
          value={state.typedKey}
          region={region}
          onChange={(typedKey) => onChange({ typedKey })}
          serverError={serverError}
        />
      )}
      {state.keyMode === "create" && (
        <CreateKey region={region} onCreated={(arn) => onChange({ keyMode: "choose", chosenKeyArn: arn })} />
      )}
      {serverError && state.keyMode !== "enter" && (
        <p role="alert" className="text-sm text-red-700">
          {serverError}
        </p>
      )}
    </fieldset>
  );
}

function KeyList({
  region,
  chosen,
  onChoose,
}: {
  region: string;
  chosen: string | null;
  onChoose: (arn: string) => void;
}) {
  const keys = useKmsKeys(region);
  return (
    <QueryState query={keys} loading="Loading KMS keys" rows={4} errorTitle="The KMS keys could not be listed.">
      {(data) =>
        data.keys.length === 0 ? (
          <p className="text-sm text-slate-600">No KMS keys in {region}. Create one, or enter the ARN of a key.</p>
        ) : (
          <KeyOptions keys={data.keys} chosen={chosen} onChoose={onChoose} />
        )
      }
    </QueryState>
  );
}

function KeyOptions({
  keys,
  chosen,
  onChoose,
}: {
  keys: KmsKeyOption[];
  chosen: string | null;
  onChoose: (arn: string) => void;
}) {
  return (
    <div
      className="max-h-80 overflow-y-auto rounded-lg border border-slate-200 bg-white"
      role="radiogroup"
      aria-label="KMS keys"
    >
      {keys.map((k) => (
        <label
          key={k.arn}
          data-testid={`key-option-${k.alias ?? k.keyId}`}
          className={
            "flex items-start gap-3 border-b border-slate-100 px-3 py-2 text-sm last:border-0 " +
            (k.usable ? "cursor-pointer hover:bg-slate-50" : "cursor-not-allowed bg-slate-50 text-slate-500")
          }
        >
          <input
            type="radio"
            name="kms-key"
            value={k.arn}
            checked={chosen === k.arn}
            disabled={!k.usable}
            onChange={() => onChoose(k.arn)}
            className="mt-1 size-4"
          />
          <span className="min-w-0">
            <span className="block font-medium">
              {k.alias ?? "No alias"}{" "}
              {k.alias === "alias/aws/s3" && <span className="text-xs font-normal">(AWS managed key)</span>}
            </span>
            <span className="block break-all font-mono text-xs">{k.keyId}</span>
            {!k.usable && <span className="block text-xs text-red-700">Cannot be used: {k.reason}</span>}
          </span>
        </label>
      ))}
    </div>
  );
}

function KeyInput({
  value,
  region,
  onChange,
  serverError,
}: {
  value: string;
  region: string;
  onChange: (v: string) => void;
  serverError: string | null;
}) {
  const problem = value ? typedKeyProblem(value, region) : null;
  const message = problem ?? serverError;
  return (
    <label className="block text-sm">
      <span className="font-medium">KMS key ARN or alias</span>
      <input
        type="text"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={`arn:aws:kms:${region}:111122223333:key/…`}
        aria-invalid={Boolean(message)}
        aria-describedby="typed-key-hint"
        className={`mt-1 block w-full rounded border px-2 py-1.5 font-mono text-sm ${message ? "border-red-500" : "border-slate-300"}`}
        autoComplete="off"
        spellCheck={false}
      />
      <span
        id="typed-key-hint"
        className={`mt-1 block text-xs ${message ? "text-red-700" : "text-slate-500"}`}
        role={message ? "alert" : undefined}
      >
        {message ??
          "Checked as you type; Next asks KMS whether the key exists (DescribeKey). Aliases are saved as the key's ARN."}
      </span>
    </label>
  );
}

function CreateKey({ region, onCreated }: { region: string; onCreated: (arn: string) => void }) {
  const [alias, setAlias] = useState("alias/");
  const create = useCreateKmsKey(region);
  return (
    <div className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-sm">
      <p className="text-slate-600">
        Creates a symmetric encryption key in <span className="font-mono">{region}</span> with a key policy that lets
        this account administer it and use it through S3 only. A customer managed key costs about USD 1 a month.
      </p>
      <label className="block">
        <span className="font-medium">Alias</span>
        <input
          value={alias}
          onChange={(e) => setAlias(e.target.value)}
          className="mt-1 block w-80 rounded border border-slate-300 px-2 py-1.5 font-mono"
        />
      </label>
      <Button
        variant="primary"
        disabled={create.isPending}
        onClick={() => create.mutate(alias, { onSuccess: ({ key }) => onCreated(key.arn) })}
      >
        {create.isPending ? "Creating…" : "Create key"}
      </Button>
      {create.isError && (
        <p role="alert" className="text-red-700">
          {create.error.message}
        </p>
      )}
    </div>
  );
}
