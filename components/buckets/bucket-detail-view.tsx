"use client";
import Link from "next/link";
import type { ReactNode } from "react";
import { ApiError } from "@/lib/client/fetch-json";
import { useBucketDetail } from "@/lib/client/use-bucket-detail";
import type { BucketDetail } from "@/lib/contracts/inventory";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { QueryState } from "@/components/ui/query-state";
import { BucketKeyBadge, EncryptionTypeBadge } from "./encryption-badges";
import { BucketUsagePanel } from "@/components/usage/bucket-usage-panel";
import { KeyBillPanel } from "@/components/reports/key-bill-panel";
import { ObjectAuditPanel } from "@/components/objects/object-audit-panel";
import { ReencryptPanel } from "@/components/objects/reencrypt-panel";
import { OutsideChange } from "./outside-change";
import { CandidateCallout } from "./candidate-callout";
import { ReplicationRules } from "./replication-rules";
import { ConfigSource } from "./config-source";
import { ConfigOnlyReads, NotKnownFromConfig, RoleNeededAction } from "./role-needed";
import { wizardHref } from "@/lib/contracts/hrefs";

/** The key's state when it could not be resolved, by the problem's code (lib/kms/key-resolver.ts). */
const problemState: Record<string, string> = {
  not_found: "Does not exist",
  wrong_region: "In another region",
  access_denied: "Cannot be described",
  invalid_input: "Not a KMS key",
};

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="py-2 sm:grid sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd className="text-sm sm:col-span-2">{children}</dd>
    </div>
  );
}

function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" aria-label={title}>
      <h2 className="mb-2 font-semibold">{title}</h2>
      {children}
    </section>
  );
}

const statusOf = (error: unknown) => (error instanceof ApiError ? error.status : 0);

function errorTitle(error: unknown): string {
  const status = statusOf(error);
  return status === 404 ? "No such bucket." : status === 400 ? "Invalid bucket name." : "The bucket could not be read.";
}

export function BucketDetailView({ name }: { name: string }) {
  const detail = useBucketDetail(name);
  return (
    <QueryState
      query={detail}
      loading="Loading the bucket"
      rows={6}
      errorTitle={errorTitle}
      // A bad name or a missing bucket stays so: only a failed read is worth another try.
      canRetry={(error) => statusOf(error) !== 400 && statusOf(error) !== 404}
      errorActions={
        <Link href="/buckets" className="mt-2 inline-block text-brand-700 underline">
          Back to all buckets
        </Link>
      }
    >
      {(data) => <BucketDetails detail={data} />}
    </QueryState>
  );
}

function BucketDetails({ detail }: { detail: BucketDetail }) {
  const { bucket, key, keyError, outsideChange, roleNeeded } = detail;
  const enc = bucket.encryption;
  const isKms = enc?.type === "SSE-KMS" || enc?.type === "DSSE-KMS";

  const editHref = wizardHref([bucket.name], bucket.account);
  return (
    <div className="space-y-4">
      <div className="flex justify-end">
        {roleNeeded ? (
          <RoleNeededAction label="Edit default encryption" account={roleNeeded} />
        ) : (
          <ButtonLink href={editHref} variant="primary">
            Edit default encryption
          </ButtonLink>
        )}
      </div>
      {outsideChange && <OutsideChange change={outsideChange} />}
      {bucket.error && (
        <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          {bucket.error.message}
        </div>
      )}
      {enc?.kmsKeyProblem && (
        <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          <strong>
            {enc.kmsKeyProblem.code === "access_denied"
              ? "The default encryption key cannot be checked."
              : "The default encryption key cannot be used."}
          </strong>{" "}
          {enc.kmsKeyProblem.message}{" "}
          <Link href={editHref} className="font-medium underline">
            Choose a key
          </Link>
        </div>
      )}
      {bucket.candidate && !roleNeeded && <CandidateCallout bucket={bucket.name} editHref={editHref} />}
      {bucket.candidate && roleNeeded && (
        <div className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          <strong>Bucket Key is off</strong> in AWS Config&rsquo;s latest item for this bucket: every object it encrypts
          or decrypts is a KMS request.
        </div>
      )}
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Default encryption">
          <dl className="divide-y divide-slate-100">
            <Field label="Encryption type">
              <EncryptionTypeBadge encryption={enc} />
              {enc?.type === "NONE" && (
                <span className="ml-2 text-xs text-slate-500">
                  No default configured (real AWS applies SSE-S3 to new objects).
                </span>
              )}
            </Field>
            <Field label="Bucket Key">
              <BucketKeyBadge encryption={enc} />
              {enc?.type === "DSSE-KMS" && (
                <span className="ml-2 text-xs text-slate-500">Bucket Keys are not supported with DSSE-KMS.</span>
              )}
            </Field>
            <Field label="Region">
              <span className="font-mono">{bucket.region ?? "—"}</span>
            </Field>
            <Field label="Source">
              {bucket.source ? (
                <ConfigSource source={bucket.source} />
              ) : bucket.readAt ? (
                `Read from S3 at ${new Date(bucket.readAt).toLocaleString()}`
              ) : (
                "Not read yet"
              )}
            </Field>
          </dl>
        </Card>
        <Card title="KMS key">
          {!isKms ? (
            <p className="text-sm text-slate-500">Not encrypted with a KMS key.</p>
          ) : (
            <dl className="divide-y divide-slate-100">
              {enc?.kmsKeyReference && (
                <Field label="Named in the configuration">
                  <span className="break-all font-mono text-xs">{enc.kmsKeyReference}</span>
                </Field>
              )}
              <Field label="Alias">{roleNeeded ? <NotKnownFromConfig /> : (enc?.kmsKeyAlias ?? "No alias")}</Field>
              <Field label="ARN">
                {key?.arn || enc?.kmsKeyArn || !roleNeeded ? (
                  <span className="break-all font-mono text-xs">{key?.arn ?? enc?.kmsKeyArn ?? "Not known"}</span>
                ) : (
                  <NotKnownFromConfig />
                )}
              </Field>
              <Field label="State">
                {roleNeeded ? (
                  <NotKnownFromConfig />
                ) : key ? (
                  <Badge tone={key.state === "Enabled" ? "good" : "bad"}>{key.state ?? "Unknown"}</Badge>
                ) : enc?.kmsKeyProblem ? (
                  <Badge tone="bad">{problemState[enc.kmsKeyProblem.code] ?? "Cannot be used"}</Badge>
                ) : keyError ? (
                  <span className="text-red-700">{keyError.message}</span>
                ) : (
                  "—"
                )}
              </Field>
              {key && (
                <Field label="Managed by">
                  {key.manager === "AWS" ? "AWS" : key.manager === "CUSTOMER" ? "Customer" : "Unknown"}
                </Field>
              )}
              {key && <Field label="Spec / usage">{`${key.spec ?? "unknown"} · ${key.usage ?? "unknown"}`}</Field>}
            </dl>
          )}
        </Card>
        <Card title="Versioning">
          <p className="text-sm">{bucket.versioning ?? "Unknown"}</p>
        </Card>
        <Card title="Replication">
          {roleNeeded ? (
            <p className="text-sm">
              <NotKnownFromConfig /> (Config records the replication role, not the rules).
            </p>
          ) : (
            <ReplicationRules replication={bucket.replication} />
          )}
        </Card>
      </div>
      {roleNeeded ? (
        <ConfigOnlyReads account={roleNeeded} />
      ) : (
        <>
          <BucketUsagePanel bucket={bucket.name} />
          {enc?.kmsKeyArn?.includes(":key/") && <KeyBillPanel keyArn={enc.kmsKeyArn} />}
          <ObjectAuditPanel bucket={bucket.name} />
          {enc?.type === "SSE-KMS" && <ReencryptPanel bucket={bucket.name} />}
        </>
      )}
    </div>
  );
}
