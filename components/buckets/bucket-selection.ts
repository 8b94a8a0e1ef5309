"use client";
import { useCallback, useState } from "react";
import type { BucketPosture } from "@/lib/contracts/inventory";

// What the user picked in the bucket table: buckets one by one (kept across filter changes), or
// "all N matching" the current filters, which the wizard resolves itself (only the filters travel).

const keyOf = (b: Pick<BucketPosture, "account" | "name">) => `${b.account}/${b.name}`;

export function useBucketSelection() {
  const [picked, setPicked] = useState<ReadonlyMap<string, BucketPosture>>(new Map());
  const [allMatching, setAllMatching] = useState(false);

  const select = useCallback((buckets: BucketPosture[], on: boolean) => {
    setAllMatching(false);
    setPicked((prev) => {
      const next = new Map(prev);
      for (const b of buckets)
        if (on) next.set(keyOf(b), b);
        else next.delete(keyOf(b));
      return next;
    });
  }, []);
  const isSelected = useCallback((b: BucketPosture) => allMatching || picked.has(keyOf(b)), [allMatching, picked]);
  const clear = useCallback(() => {
    setAllMatching(false);
    setPicked(new Map());
  }, []);

  return {
    picked: [...picked.values()],
    allMatching,
    selectAllMatching: () => setAllMatching(true),
    /** The filters changed: "all matching" meant the old ones. */
    forgetMatching: () => setAllMatching(false),
    select,
    isSelected,
    clear,
  };
}
