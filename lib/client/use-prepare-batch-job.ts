"use client";
import { useMutation } from "@tanstack/react-query";
import { useAccountScope } from "./account-scope";
import { prepareBatchJob } from "./api/objects";

type Prepare = { roleArn: string; operation: "update-object-encryption" | "copy"; prefix: string };

/** Writes the S3 Batch Operations manifest and answers the CreateJob request to review; submits nothing. */
export function usePrepareBatchJob(bucket: string) {
  const account = useAccountScope();
  return useMutation({ mutationFn: (body: Prepare) => prepareBatchJob(bucket, body, account) });
}
