import { stepLabels, type StepId } from "./wizard-model";

/** The visible step list; finished steps can be revisited, later ones not yet. */
export function Stepper({
  steps,
  current,
  onGoTo,
}: {
  steps: StepId[];
  current: StepId;
  onGoTo: (step: StepId) => void;
}) {
  const currentIndex = steps.indexOf(current);
  return (
    <nav aria-label="Wizard steps" className="w-56 shrink-0">
      <ol className="space-y-1">
        {steps.map((step, i) => {
          const done = i < currentIndex;
          const active = i === currentIndex;
          return (
            <li key={step}>
              <button
                type="button"
                disabled={!done || current === "save"}
                onClick={() => onGoTo(step)}
                aria-current={active ? "step" : undefined}
                className={
                  "flex w-full items-center gap-2 rounded px-2 py-1.5 text-left text-sm " +
                  (active
                    ? "bg-brand-50 font-semibold text-brand-700"
                    : done
                      ? "text-slate-800 hover:bg-slate-100"
                      : "text-slate-500")
                }
              >
                <span
                  className={
                    "flex size-6 items-center justify-center rounded-full text-xs " +
                    (active
                      ? "bg-brand-600 text-white"
                      : done
                        ? "bg-emerald-600 text-white"
                        : "bg-slate-200 text-slate-600")
                  }
                >
                  {done ? "✓" : i + 1}
                </span>
                Step {i + 1}: {stepLabels[step]}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
