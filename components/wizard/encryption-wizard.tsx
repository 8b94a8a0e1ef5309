"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useAccountScope } from "@/lib/client/account-scope";
import { withAccount } from "@/lib/contracts/account-url";
import { fetchJson } from "@/lib/client/fetch-json";
import { useCurrentEncryptions } from "@/lib/client/use-current-encryptions";
import { useHealth } from "@/lib/client/use-health";
import { preflightResultSchema } from "@/lib/contracts/encryption";
import { ErrorPanel } from "@/components/ui/error-panel";
import { SkeletonRows } from "@/components/ui/skeleton";
import { applyToAll, type BucketOutcome } from "./apply-all";
import { Stepper } from "./stepper";
import { StepBucketKey } from "./step-bucket-key";
import { StepKey } from "./step-key";
import { StepReview, usePreflights } from "./step-review";
import { StepSave } from "./step-save";
import { StepType } from "./step-type";
import { initialState, keyStepProblem, proposalOf, stepsFor, type StepId, type WizardState } from "./wizard-model";

export function EncryptionWizard({ buckets }: { buckets: string[] }) {
  const currents = useCurrentEncryptions(buckets);
  const pending = currents.some((c) => c.isPending);
  const failed = currents.find((c) => c.isError);
  if (pending) return <SkeletonRows rows={5} label="Reading the current encryption" />;
  if (failed)
    return (
      <ErrorPanel
        title="The current encryption could not be read."
        error={failed.error}
        onRetry={() => failed.refetch()}
      />
    );
  const regions = [...new Set(currents.map((c) => c.data!.region))];
  if (regions.length > 1) {
    return (
      <ErrorPanel
        title="These buckets are in different regions."
        error={
          new Error(
            `Selected buckets are in ${regions.join(", ")}. A KMS key serves one region: run the wizard once per region.`,
          )
        }
      />
    );
  }
  return <WizardSteps buckets={buckets} region={regions[0]!} initial={initialState(currents[0]?.data)} />;
}

function WizardSteps({ buckets, region, initial }: { buckets: string[]; region: string; initial: WizardState }) {
  const account = useAccountScope();
  const queryClient = useQueryClient();
  const readOnly = useHealth().data?.readOnly ?? false;
  const [state, setState] = useState(initial);
  const [step, setStep] = useState<StepId>("type");
  const [stepError, setStepError] = useState<string | null>(null);
  const [checkingKey, setCheckingKey] = useState(false);
  const [outcomes, setOutcomes] = useState<BucketOutcome[]>([]);
  const steps = stepsFor(state.type);
  const proposal = proposalOf(state);
  const preflights = usePreflights(step === "review" || step === "save" ? buckets : [], proposal);

  const update = (patch: Partial<WizardState>) => {
    setStepError(null);
    // Any change to the proposal invalidates an earlier acknowledgement of its warnings.
    setState((s) => ({ ...s, ...patch, acknowledged: "acknowledged" in patch ? Boolean(patch.acknowledged) : false }));
  };
  const goTo = (next: StepId) => {
    setStepError(null);
    setStep(next);
  };
  const index = steps.indexOf(step);

  const reviews = preflights.map((p) => p.data).filter((d) => d !== undefined);
  const reviewReady = reviews.length === buckets.length;
  const anyFail = reviews.some((r) => r.checks.some((c) => c.status === "fail"));
  const anyWarn = reviews.some((r) => r.checks.some((c) => c.status === "warn"));
  const saveBlocked = readOnly
    ? "The console is in read-only mode: changes are disabled."
    : !reviewReady
      ? "Waiting for the checks."
      : anyFail
        ? "A check failed: fix it before saving."
        : anyWarn && !state.acknowledged
          ? "Acknowledge the warnings to save."
          : null;

  async function validateKeyWithKms(): Promise<string | null> {
    setCheckingKey(true);
    try {
      const review = await fetchJson(
        withAccount(`/api/buckets/${encodeURIComponent(buckets[0]!)}/encryption/preflight`, account),
        preflightResultSchema,
        {
          method: "POST",
          body: JSON.stringify({ config: proposal }),
        },
      );
      const keyCheck = review.checks.find((c) => c.id === "key");
      return keyCheck?.status === "fail" ? keyCheck.message : null;
    } catch (err) {
      return err instanceof Error ? err.message : "The key could not be checked.";
    } finally {
      setCheckingKey(false);
    }
  }

  async function next(e: FormEvent) {
    e.preventDefault();
    if (step === "key") {
      const problem = keyStepProblem(state, region) ?? (state.keyMode === "enter" ? await validateKeyWithKms() : null);
      if (problem) return setStepError(problem);
    }
    if (step === "review") {
      if (saveBlocked) return setStepError(saveBlocked);
      setStep("save");
      await applyToAll(reviews, proposal, account, setOutcomes);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ["inventory"] }),
        queryClient.invalidateQueries({ queryKey: ["encryption"] }),
        queryClient.invalidateQueries({ queryKey: ["bucket"] }),
        queryClient.invalidateQueries({ queryKey: ["changes"] }),
      ]);
      return;
    }
    goTo(steps[index + 1]!);
  }

  return (
    <div className="flex flex-col gap-6 md:flex-row">
      <Stepper steps={steps} current={step} onGoTo={goTo} />
      <form onSubmit={next} className="min-w-0 flex-1 space-y-4" aria-label="Edit default encryption">
        {step === "type" && (
          <StepType
            value={state.type}
            onChange={(type) =>
              update({
                type,
                bucketKeyEnabled:
                  type === "DSSE-KMS" ? false : state.type === "DSSE-KMS" ? true : state.bucketKeyEnabled,
              })
            }
          />
        )}
        {step === "key" && <StepKey state={state} region={region} onChange={update} serverError={stepError} />}
        {step === "bucket-key" && (
          <StepBucketKey
            type={state.type}
            enabled={state.bucketKeyEnabled}
            onChange={(bucketKeyEnabled) => update({ bucketKeyEnabled })}
          />
        )}
        {step === "review" && (
          <StepReview
            buckets={buckets}
            preflights={preflights}
            acknowledged={state.acknowledged}
            onAcknowledge={(acknowledged) => update({ acknowledged })}
          />
        )}
        {step === "save" && (
          <StepSave
            outcomes={outcomes}
            onReviewAgain={() => {
              setOutcomes([]);
              queryClient.invalidateQueries({ queryKey: ["preflight"] });
              goTo("review");
            }}
          />
        )}
        {stepError && step !== "key" && (
          <p role="alert" className="text-sm text-red-700">
            {stepError}
          </p>
        )}
        {step !== "save" && (
          <div className="flex items-center gap-3 border-t border-slate-200 pt-4">
            <button
              type="button"
              disabled={index === 0}
              onClick={() => goTo(steps[index - 1]!)}
              className="rounded border border-slate-300 bg-white px-4 py-1.5 text-sm font-medium disabled:opacity-50"
            >
              Back
            </button>
            <button
              type="submit"
              disabled={checkingKey || (step === "review" && Boolean(saveBlocked))}
              className="rounded bg-brand-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50"
            >
              {step === "review"
                ? buckets.length > 1
                  ? `Save changes to ${buckets.length} buckets`
                  : "Save changes"
                : checkingKey
                  ? "Checking key…"
                  : "Next"}
            </button>
            {step === "review" && saveBlocked && <span className="text-sm text-slate-600">{saveBlocked}</span>}
          </div>
        )}
      </form>
    </div>
  );
}
