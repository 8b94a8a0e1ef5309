"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import {
  currentEncryptionSchema,
  type ApplyResult,
  type CurrentEncryption,
  type PreflightResult,
  type ProposedEncryption,
} from "@/lib/contracts/encryption";
import { useAccountScope, type AccountSelection } from "./account-scope";
import { putEncryption } from "./api/buckets";
import { ApiError } from "./fetch-json";
import { createLimiter } from "./limiter";
import { queryKeyPrefixes } from "./query-keys";

export type BucketOutcome =
  | { bucket: string; state: "waiting" | "saving" }
  | { bucket: string; state: "saved"; result: ApplyResult }
  | { bucket: string; state: "conflict"; message: string; current: CurrentEncryption | null }
  | { bucket: string; state: "failed"; message: string }
  /** Sent, but whether S3 made it is not verified yet: History holds it as unknown until the console knows. */
  | { bucket: string; state: "unverified"; message: string }
  /** Not saved because its review failed a check or could not run. */
  | { bucket: string; state: "skipped"; message: string };

async function applyOne(review: PreflightResult, proposal: ProposedEncryption, account: AccountSelection) {
  const bucket = review.current.bucket;
  try {
    const result = await putEncryption(
      bucket,
      {
        config: proposal,
        expectedVersion: review.current.version,
        acknowledgedWarnings: review.checks.filter((c) => c.status === "warn").map((c) => c.id),
      },
      account,
    );
    return { bucket, state: "saved", result } as const;
  } catch (err) {
    const message = err instanceof Error ? err.message : "The change could not be saved.";
    if (err instanceof ApiError && err.code === "unverified") return { bucket, state: "unverified", message } as const;
    if (!(err instanceof ApiError && err.status === 409)) return { bucket, state: "failed", message } as const;
    // A 409 carries the configuration S3 holds now, so the user sees what changed meanwhile.
    const current = currentEncryptionSchema.safeParse((err.details as { current?: unknown } | undefined)?.current);
    return { bucket, state: "conflict", message, current: current.success ? current.data : null } as const;
  }
}

type Reviewed = {
  reviews: PreflightResult[];
  proposal: ProposedEncryption;
  skipped: { bucket: string; message: string }[];
};

/** How many saves run at once: enough to get through hundreds of buckets, few enough to stay under S3's rates. */
const saveConcurrency = 4;

/**
 * Applies the reviewed proposal to each bucket, `saveConcurrency` at a time, each with the version
 * it was reviewed at; one failure does not stop the others. `outcomes` moves after every bucket.
 */
export function useApplyEncryption() {
  const account = useAccountScope();
  const queryClient = useQueryClient();
  const [outcomes, setOutcomes] = useState<BucketOutcome[]>([]);
  const apply = useMutation({
    mutationFn: async ({ reviews, proposal, skipped }: Reviewed) => {
      const limit = createLimiter(saveConcurrency);
      const progress: BucketOutcome[] = [
        ...reviews.map((r): BucketOutcome => ({ bucket: r.current.bucket, state: "waiting" })),
        ...skipped.map((s): BucketOutcome => ({ ...s, state: "skipped" })),
      ];
      setOutcomes([...progress]);
      const settle = (i: number, outcome: BucketOutcome) => {
        progress[i] = outcome;
        setOutcomes([...progress]);
      };
      await Promise.all(
        reviews.map((review, i) =>
          limit(async () => {
            settle(i, { bucket: review.current.bucket, state: "saving" });
            // applyOne never throws: every failure becomes that bucket's outcome.
            settle(i, await applyOne(review, proposal, account));
          }),
        ),
      );
      return progress;
    },
    onSettled: (_outcomes, _error, { reviews }) =>
      Promise.all(
        [
          queryKeyPrefixes.inventory,
          queryKeyPrefixes.changes,
          ...reviews.flatMap((r) => [
            queryKeyPrefixes.bucket(r.current.bucket),
            queryKeyPrefixes.encryption(r.current.bucket),
          ]),
        ].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      ),
  });
  /** After a conflict: forget the outcomes and review again against the configuration S3 holds now. */
  const reviewAgain = (buckets: string[]) => {
    setOutcomes([]);
    for (const bucket of buckets) void queryClient.invalidateQueries({ queryKey: queryKeyPrefixes.preflight(bucket) });
  };
  return { outcomes, apply: apply.mutateAsync, reviewAgain };
}
