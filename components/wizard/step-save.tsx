import type { BucketOutcome } from "@/lib/client/use-apply-encryption";
import type { BucketEncryption } from "@/lib/contracts/inventory";
import { Button, ButtonLink } from "@/components/ui/button";

function summary(e: BucketEncryption): string {
  const key = e.kmsKeyAlias ?? e.kmsKeyArn ?? e.kmsKeyReference;
  const bucketKey = e.type === "SSE-KMS" ? `, Bucket Key ${e.bucketKeyEnabled ? "on" : "off"}` : "";
  return `${e.type === "NONE" ? "No default encryption" : e.type}${key ? ` with ${key}` : ""}${bucketKey}`;
}

const tallyOf = (outcomes: BucketOutcome[]) => {
  const n = (...states: BucketOutcome["state"][]) => outcomes.filter((o) => states.includes(o.state)).length;
  return {
    saved: n("saved"),
    notSaved: n("conflict", "failed"),
    unverified: n("unverified"),
    skipped: n("skipped"),
    open: n("waiting", "saving"),
  };
};

export function StepSave({ outcomes, onReviewAgain }: { outcomes: BucketOutcome[]; onReviewAgain: () => void }) {
  const tally = tallyOf(outcomes);
  const done = outcomes.length - tally.open;
  const finished = done === outcomes.length;
  return (
    <section aria-labelledby="save-heading" className="space-y-3">
      <h2 id="save-heading" className="text-lg font-semibold">
        {finished ? "Result" : "Saving…"}
      </h2>
      <div
        className="h-2 overflow-hidden rounded bg-slate-200"
        role="progressbar"
        aria-label="Buckets saved"
        aria-valuemin={0}
        aria-valuemax={outcomes.length}
        aria-valuenow={done}
      >
        <div className="h-full bg-brand-600 transition-all" style={{ width: `${(done / outcomes.length) * 100}%` }} />
      </div>
      {outcomes.length > 1 && (
        <p className="text-sm" data-testid="save-tally" aria-live="polite">
          {done} of {outcomes.length} done: {tally.saved} saved, {tally.notSaved} not saved,
          {tally.unverified > 0 && ` ${tally.unverified} not verified yet,`} {tally.skipped} skipped
          {tally.open > 0 && `, ${tally.open} to go`}.
        </p>
      )}
      <ul className={`space-y-2 ${outcomes.length > 20 ? "max-h-[60vh] overflow-auto" : ""}`}>
        {outcomes.map((o) => (
          <li
            key={o.bucket}
            className="rounded-lg border border-slate-200 bg-white p-3 text-sm"
            data-testid={`outcome-${o.bucket}`}
            data-state={o.state}
          >
            <span className="font-medium">{o.bucket}</span>:{" "}
            {o.state === "waiting" && <span className="text-slate-500">waiting</span>}
            {o.state === "saving" && <span>saving and verifying…</span>}
            {o.state === "saved" && (
              <span className={o.result.verified ? "text-emerald-700" : "text-amber-700"}>
                {o.result.verified ? "Saved and verified" : "Saved, but S3 reports something else"} — now{" "}
                {summary(o.result.current.encryption)}. Change #{o.result.change.id}.
              </span>
            )}
            {o.state === "conflict" && (
              <span className="text-red-700">
                Not saved: {o.message}
                {o.current && (
                  <span className="block text-slate-700">Current configuration: {summary(o.current.encryption)}.</span>
                )}
              </span>
            )}
            {o.state === "failed" && <span className="text-red-700">Not saved: {o.message}</span>}
            {o.state === "unverified" && <span className="text-amber-700">Not verified yet: {o.message}</span>}
            {o.state === "skipped" && <span className="text-red-700">Skipped, not saved: {o.message}</span>}
          </li>
        ))}
      </ul>
      {finished && (
        <div className="flex gap-3 text-sm">
          {outcomes.some((o) => o.state === "conflict") && (
            <Button onClick={onReviewAgain}>Review again with the current configuration</Button>
          )}
          <ButtonLink href="/buckets" variant="primary">
            Back to buckets
          </ButtonLink>
          <ButtonLink href="/history">View history</ButtonLink>
        </div>
      )}
    </section>
  );
}
