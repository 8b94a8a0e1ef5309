import { withAccount } from "@/lib/contracts/account-url";
import { ApiError, sendJson } from "@/lib/client/fetch-json";
import {
  applyResultSchema,
  currentEncryptionSchema,
  type ApplyResult,
  type CurrentEncryption,
  type PreflightResult,
  type ProposedEncryption,
} from "@/lib/contracts/encryption";

export type BucketOutcome =
  | { bucket: string; state: "waiting" | "saving" }
  | { bucket: string; state: "saved"; result: ApplyResult }
  | { bucket: string; state: "conflict"; message: string; current: CurrentEncryption | null }
  | { bucket: string; state: "failed"; message: string };

/**
 * Applies the reviewed proposal to each bucket in turn, each with the version it was reviewed
 * at; one failure does not stop the others. Reports progress after every bucket.
 */
export async function applyToAll(
  reviews: PreflightResult[],
  proposal: ProposedEncryption,
  account: string | null,
  onProgress: (outcomes: BucketOutcome[]) => void,
): Promise<BucketOutcome[]> {
  const outcomes: BucketOutcome[] = reviews.map((r) => ({ bucket: r.current.bucket, state: "waiting" }));
  for (const [i, review] of reviews.entries()) {
    const bucket = review.current.bucket;
    outcomes[i] = { bucket, state: "saving" };
    onProgress([...outcomes]);
    try {
      const result = await sendJson(
        "PUT",
        withAccount(`/api/buckets/${encodeURIComponent(bucket)}/encryption`, account),
        applyResultSchema,
        {
          config: proposal,
          expectedVersion: review.current.version,
          acknowledgedWarnings: review.checks.filter((c) => c.status === "warn").map((c) => c.id),
        },
      );
      outcomes[i] = { bucket, state: "saved", result };
    } catch (err) {
      const message = err instanceof Error ? err.message : "The change could not be saved.";
      if (err instanceof ApiError && err.status === 409) {
        const current = currentEncryptionSchema.safeParse((err.details as { current?: unknown } | undefined)?.current);
        outcomes[i] = { bucket, state: "conflict", message, current: current.success ? current.data : null };
      } else {
        outcomes[i] = { bucket, state: "failed", message };
      }
    }
    onProgress([...outcomes]);
  }
  return outcomes;
}
