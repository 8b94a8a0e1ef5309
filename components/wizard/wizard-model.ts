import type { CurrentEncryption, ProposedEncryption } from "@/lib/contracts/encryption";
import { parseKeyRef } from "@/lib/contracts/key-ref";

// The wizard's state and its pure rules: which steps apply, what the proposal is, when Next
// may be pressed. Kept out of the components so going Back never loses anything.

export type EncryptionChoice = ProposedEncryption["type"];
export type KeyMode = "choose" | "enter" | "create";

export type WizardState = {
  type: EncryptionChoice;
  keyMode: KeyMode;
  chosenKeyArn: string | null;
  typedKey: string;
  bucketKeyEnabled: boolean;
  acknowledged: boolean;
};

export type StepId = "type" | "key" | "bucket-key" | "review" | "save";

export const stepLabels: Record<StepId, string> = {
  type: "Encryption type",
  key: "KMS key",
  "bucket-key": "Bucket Key",
  review: "Review",
  save: "Save",
};

export function stepsFor(type: EncryptionChoice): StepId[] {
  return type === "SSE-S3" ? ["type", "bucket-key", "review", "save"] : ["type", "key", "bucket-key", "review", "save"];
}

/** Starts from the bucket's current setting, as the S3 console does; Bucket Key on by default. */
export function initialState(current: CurrentEncryption | undefined): WizardState {
  const enc = current?.encryption;
  const type: EncryptionChoice = enc && enc.type !== "NONE" ? enc.type : "SSE-KMS";
  return {
    type,
    keyMode: "choose",
    chosenKeyArn: enc?.kmsKeyArn ?? null,
    typedKey: "",
    bucketKeyEnabled: type !== "DSSE-KMS",
    acknowledged: false,
  };
}

export function selectedKey(state: WizardState): string | null {
  if (state.type === "SSE-S3") return null;
  return state.keyMode === "enter" ? state.typedKey.trim() || null : state.chosenKeyArn;
}

export function proposalOf(state: WizardState): ProposedEncryption {
  return {
    type: state.type,
    kmsKeyId: selectedKey(state),
    bucketKeyEnabled: state.type === "DSSE-KMS" ? false : state.bucketKeyEnabled,
  };
}

/** The inline message for a typed key, checked on every keystroke; null when it looks right. */
export function typedKeyProblem(typed: string, bucketRegion: string | null): string | null {
  const check = parseKeyRef(typed);
  if (!check.ok) return check.reason;
  const ref = check.ref;
  if ((ref.kind === "key-arn" || ref.kind === "alias-arn") && bucketRegion && ref.region !== bucketRegion) {
    return `This key is in ${ref.region}; the bucket is in ${bucketRegion}. S3 needs a key in the bucket's region.`;
  }
  return null;
}

export function keyStepProblem(state: WizardState, bucketRegion: string | null): string | null {
  if (state.type === "SSE-S3") return null;
  if (state.keyMode === "enter") return typedKeyProblem(state.typedKey, bucketRegion);
  if (state.keyMode === "create") return "Create the key first, or choose an existing one.";
  return state.chosenKeyArn ? null : "Choose a KMS key.";
}
