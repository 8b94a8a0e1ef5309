import type { z } from "zod";
import { withAccount } from "@/lib/contracts/hrefs";
import {
  dryRunSchema,
  reencryptJobSchema,
  reencryptJobsSchema,
  objectScanSchema,
  type ReencryptRequest,
  type scanRequestSchema,
} from "@/lib/contracts/objects";
import { batchJobsSchema, preparedBatchJobSchema, type batchJobRequestSchema } from "@/lib/contracts/batch-jobs";
import type { AccountSelection } from "../account-scope";
import { fetchJson, sendJson } from "../fetch-json";
import { bucketUrl } from "./buckets";

// Fetchers for a bucket's existing objects: the audit scan, re-encryption jobs and S3 Batch Operations jobs.

export type ReencryptJobAction = "pause" | "resume" | "cancel" | "retry-failed";

/** GET /api/buckets/:name/objects/scan */
export function getObjectScan(bucket: string, account: AccountSelection) {
  return fetchJson(withAccount(bucketUrl(bucket, "/objects/scan"), account), objectScanSchema);
}

/** POST /api/buckets/:name/objects/scan — start or cancel the audit. */
export function controlObjectScan(bucket: string, body: z.input<typeof scanRequestSchema>, account: AccountSelection) {
  return sendJson("POST", withAccount(bucketUrl(bucket, "/objects/scan"), account), objectScanSchema, body);
}

/** POST /api/buckets/:name/reencrypt with dryRun — what a job would examine; writes nothing. */
export function dryRunReencrypt(bucket: string, options: Partial<ReencryptRequest>, account: AccountSelection) {
  const url = withAccount(bucketUrl(bucket, "/reencrypt"), account);
  return sendJson("POST", url, dryRunSchema, { ...options, dryRun: true });
}

/** POST /api/buckets/:name/reencrypt — start a re-encryption job. */
export function startReencrypt(bucket: string, options: Partial<ReencryptRequest>, account: AccountSelection) {
  const url = withAccount(bucketUrl(bucket, "/reencrypt"), account);
  return sendJson("POST", url, reencryptJobSchema, { ...options, dryRun: false });
}

/** GET /api/reencrypt-jobs?bucket= — re-encryption jobs, newest first (the job store is the console's own, not per account). */
export function getReencryptJobs(bucket: string) {
  return fetchJson(`/api/reencrypt-jobs?bucket=${encodeURIComponent(bucket)}`, reencryptJobsSchema);
}

/** POST /api/reencrypt-jobs/:id/:action */
export function runReencryptJobAction(id: number, action: ReencryptJobAction) {
  return sendJson("POST", `/api/reencrypt-jobs/${id}/${action}`, reencryptJobSchema);
}

/** POST /api/buckets/:name/batch-job — the CreateJob request, role policies and checks to review; submits nothing. */
export function prepareBatchJob(
  bucket: string,
  body: z.input<typeof batchJobRequestSchema>,
  account: AccountSelection,
) {
  return sendJson("POST", withAccount(bucketUrl(bucket, "/batch-job"), account), preparedBatchJobSchema, body);
}

/** POST /api/batch-jobs/:id/submit — S3 Control CreateJob with the reviewed request. */
export function submitBatchJob(id: number, account: AccountSelection) {
  return sendJson("POST", withAccount(`/api/batch-jobs/${id}/submit`, account), preparedBatchJobSchema);
}

/** GET /api/batch-jobs/:id — the job with S3's status (DescribeJob) once submitted. */
export function getBatchJob(id: number, account: AccountSelection) {
  return fetchJson(withAccount(`/api/batch-jobs/${id}`, account), preparedBatchJobSchema);
}

/** GET /api/batch-jobs[?bucket=] — the console's Batch Operations jobs, statuses refreshed with ListJobs. */
export function getBatchJobs(bucket: string | null, account: AccountSelection) {
  const url = bucket ? `/api/batch-jobs?bucket=${encodeURIComponent(bucket)}` : "/api/batch-jobs";
  return fetchJson(withAccount(url, account), batchJobsSchema);
}
