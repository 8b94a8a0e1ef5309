"use client";
import { useAccountScope } from "@/lib/client/account-scope";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { withAccount } from "@/lib/contracts/account-url";
import { fetchJson, sendJson } from "@/lib/client/fetch-json";
import { dryRunSchema, jobSchema, jobsSchema, objectScanSchema, type ReencryptRequest } from "@/lib/contracts/objects";

const scanKey = (bucket: string) => ["object-scan", bucket] as const;
const jobsKey = (bucket: string) => ["jobs", bucket] as const;
const base = (bucket: string) => `/api/buckets/${encodeURIComponent(bucket)}`;

/** The audit of one bucket; polled while it runs so the progress bar moves. */
export function useObjectScan(bucket: string) {
  const account = useAccountScope();
  return useQuery({
    queryKey: scanKey(bucket),
    queryFn: () => fetchJson(withAccount(`${base(bucket)}/objects/scan`, account), objectScanSchema),
    refetchInterval: (q) => (q.state.data?.state === "running" ? 500 : false),
  });
}

export function useScanControl(bucket: string) {
  const qc = useQueryClient();
  const account = useAccountScope();
  return useMutation({
    mutationFn: (body: { action: "start" | "cancel"; source?: "inventory" | "objects"; sampleSize?: number | null }) =>
      sendJson("POST", withAccount(`${base(bucket)}/objects/scan`, account), objectScanSchema, body),
    onSuccess: (scan) => qc.setQueryData(scanKey(bucket), scan),
  });
}

export function useJobs(bucket: string) {
  return useQuery({
    queryKey: jobsKey(bucket),
    queryFn: () => fetchJson(`/api/jobs?bucket=${encodeURIComponent(bucket)}`, jobsSchema),
    refetchInterval: (q) => (q.state.data?.jobs.some((j) => j.state === "running") ? 700 : false),
  });
}

export function useDryRun(bucket: string) {
  const account = useAccountScope();
  return useMutation({
    mutationFn: (options: Partial<ReencryptRequest>) =>
      sendJson("POST", withAccount(`${base(bucket)}/reencrypt`, account), dryRunSchema, { ...options, dryRun: true }),
  });
}

export function useStartJob(bucket: string) {
  const qc = useQueryClient();
  const account = useAccountScope();
  return useMutation({
    mutationFn: (options: Partial<ReencryptRequest>) =>
      sendJson("POST", withAccount(`${base(bucket)}/reencrypt`, account), jobSchema, { ...options, dryRun: false }),
    onSuccess: () => qc.invalidateQueries({ queryKey: jobsKey(bucket) }),
  });
}

export function useJobAction(bucket: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: number; action: "pause" | "resume" | "cancel" | "retry-failed" }) =>
      sendJson("POST", `/api/jobs/${id}/${action}`, jobSchema),
    onSettled: () => qc.invalidateQueries({ queryKey: jobsKey(bucket) }),
  });
}
