import { ChoiceCard } from "./choice-card";
import type { EncryptionChoice } from "./wizard-model";

const options: { value: EncryptionChoice; title: string; text: string }[] = [
  {
    value: "SSE-S3",
    title: "Server-side encryption with Amazon S3 managed keys (SSE-S3)",
    text: "No KMS requests and no KMS cost; you do not control the key or see its use in CloudTrail.",
  },
  {
    value: "SSE-KMS",
    title: "Server-side encryption with AWS Key Management Service keys (SSE-KMS)",
    text: "Key control and audit in KMS. Every object request is a billed KMS request unless a Bucket Key is on, which cuts them by up to 99%.",
  },
  {
    value: "DSSE-KMS",
    title: "Dual-layer server-side encryption with AWS KMS keys (DSSE-KMS)",
    text: "Two layers of encryption for compliance needs. Bucket Keys are not supported: every object request is a KMS request.",
  },
];

export function StepType({ value, onChange }: { value: EncryptionChoice; onChange: (v: EncryptionChoice) => void }) {
  return (
    <fieldset className="space-y-2">
      <legend className="mb-2 text-lg font-semibold">Encryption type</legend>
      {options.map((o) => (
        <ChoiceCard
          key={o.value}
          name="encryption-type"
          value={o.value}
          checked={value === o.value}
          onChange={() => onChange(o.value)}
          title={o.title}
        >
          {o.text}
        </ChoiceCard>
      ))}
    </fieldset>
  );
}
