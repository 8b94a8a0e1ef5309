"use client";
import { useState, type FormEvent } from "react";
import { useApplyEncryption } from "@/lib/client/use-apply-encryption";
import { useCurrentEncryptions } from "@/lib/client/use-current-encryptions";
import { useHealth } from "@/lib/client/use-health";
import { useKeyCheck } from "@/lib/client/use-key-check";
import { usePreflights } from "@/lib/client/use-preflights";
import type { CurrentEncryption } from "@/lib/contracts/encryption";
import { Button } from "@/components/ui/button";
import { ErrorPanel } from "@/components/ui/error-panel";
import { QueryState } from "@/components/ui/query-state";
import { Stepper } from "./stepper";
import { StepBucketKey } from "./step-bucket-key";
import { StepKey } from "./step-key";
import { StepReview } from "./step-review";
import { StepSave } from "./step-save";
import { StepType } from "./step-type";
import { reviewOutcome, saveBlockedReason } from "./review-outcome";
import { initialState, keyStepProblem, proposalOf, stepsFor, type StepId, type WizardState } from "./wizard-model";

export function EncryptionWizard({ buckets }: { buckets: string[] }) {
  const currents = useCurrentEncryptions(buckets);
  return (
    <QueryState
      query={currents}
      loading="Reading the current encryption"
      rows={5}
      errorTitle="The current encryption could not be read."
    >
      {(data) => <WizardInRegion buckets={buckets} currents={data} />}
    </QueryState>
  );
}

function WizardInRegion({ buckets, currents }: { buckets: string[]; currents: CurrentEncryption[] }) {
  const regions = [...new Set(currents.map((c) => c.region))];
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
  return <WizardSteps buckets={buckets} region={regions[0]!} initial={initialState(currents[0])} />;
}

/** The wizard's steps over buckets of one region; the first bucket's setting is the starting point. */
export function WizardSteps({ buckets, region, initial }: { buckets: string[]; region: string; initial: WizardState }) {
  const readOnly = useHealth().data?.readOnly ?? false;
  const [state, setState] = useState(initial);
  const [step, setStep] = useState<StepId>("type");
  const [stepError, setStepError] = useState<string | null>(null);
  const keyCheck = useKeyCheck(buckets[0]!);
  const checkingKey = keyCheck.isPending;
  const { outcomes, apply, reviewAgain } = useApplyEncryption();
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

  const outcome = reviewOutcome(
    preflights.map((p, i) => ({ bucket: buckets[i]!, pending: p.isPending, data: p.data, error: p.error })),
  );
  const saveBlocked = readOnly
    ? "The console is in read-only mode: changes are disabled."
    : saveBlockedReason(outcome, buckets.length, state.acknowledged);
  const saveCount = outcome.settled ? outcome.toSave.length : buckets.length;
  const saveLabel =
    buckets.length === 1
      ? "Save changes"
      : `Save changes to ${saveCount} buckets${outcome.skipped.length ? ` (${outcome.skipped.length} skipped)` : ""}`;

  async function validateKeyWithKms(): Promise<string | null> {
    try {
      return await keyCheck.mutateAsync(proposal);
    } catch (err) {
      return err instanceof Error ? err.message : "The key could not be checked.";
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
      await apply({ reviews: outcome.toSave, skipped: outcome.skipped, proposal });
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
            warnings={outcome.warnings}
            acknowledged={state.acknowledged}
            onAcknowledge={(acknowledged) => update({ acknowledged })}
          />
        )}
        {step === "save" && (
          <StepSave
            outcomes={outcomes}
            onReviewAgain={() => {
              reviewAgain(buckets);
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
            <Button disabled={index === 0} onClick={() => goTo(steps[index - 1]!)}>
              Back
            </Button>
            <Button
              type="submit"
              variant="primary"
              disabled={checkingKey || (step === "review" && Boolean(saveBlocked))}
            >
              {step === "review" ? saveLabel : checkingKey ? "Checking key…" : "Next"}
            </Button>
            {step === "review" && saveBlocked && <span className="text-sm text-slate-600">{saveBlocked}</span>}
          </div>
        )}
      </form>
    </div>
  );
}
