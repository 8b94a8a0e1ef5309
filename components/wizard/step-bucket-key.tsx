import { ChoiceCard } from "./choice-card";
import type { EncryptionChoice } from "./wizard-model";

export function StepBucketKey({
  type,
  enabled,
  onChange,
}: {
  type: EncryptionChoice;
  enabled: boolean;
  onChange: (v: boolean) => void;
}) {
  if (type === "DSSE-KMS") {
    return (
      <section aria-labelledby="bk-heading" className="space-y-2">
        <h2 id="bk-heading" className="text-lg font-semibold">
          Bucket Key
        </h2>
        <p className="rounded-lg border border-slate-200 bg-white p-3 text-sm" data-testid="bucket-key-unavailable">
          S3 Bucket Keys are not supported for DSSE-KMS: with dual-layer encryption S3 calls KMS for every object.
          Choose SSE-KMS to use a Bucket Key.
        </p>
      </section>
    );
  }
  return (
    <fieldset className="space-y-2">
      <legend className="mb-1 text-lg font-semibold">Bucket Key</legend>
      <p className="mb-2 text-sm text-slate-600">
        Using an S3 Bucket Key for SSE-KMS reduces encryption costs by lowering calls to AWS KMS: S3 uses a short-lived
        bucket-level key, generated from your KMS key, to create data keys for new objects.
        {type === "SSE-S3" &&
          " With SSE-S3 no KMS key is involved, so this setting has no effect on KMS requests or cost."}
      </p>
      <ChoiceCard name="bucket-key" value="enable" checked={enabled} onChange={() => onChange(true)} title="Enable">
        Fewer KMS requests; the encryption context becomes the bucket ARN.
      </ChoiceCard>
      <ChoiceCard name="bucket-key" value="disable" checked={!enabled} onChange={() => onChange(false)} title="Disable">
        S3 calls KMS for every object it encrypts or decrypts.
      </ChoiceCard>
    </fieldset>
  );
}
