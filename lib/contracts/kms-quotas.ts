// KMS request-rate quotas (pure; shared with the browser, which shows the table in Settings and Reports).
// KMS shares one quota for symmetric cryptographic operations
// (Decrypt, Encrypt, GenerateDataKey*, ReEncrypt, GenerateRandom, …) per account and region:
// every caller's calls count, S3's on behalf of every bucket among them. Requests with a key in
// another account count against the key owner's quota, so the figures here group by the key's
// account and region.
//
// Source: AWS KMS Developer Guide, "Request quotas" (docs.aws.amazon.com/kms/latest/developerguide/
// requests-per-second.html), "Cryptographic operations (symmetric) request rate", read 2026-12-01.
// All of them are adjustable through Service Quotas: Settings overrides a region's figure.

export const kmsQuotaSource = {
  title: "AWS KMS Developer Guide, Request quotas: Cryptographic operations (symmetric) request rate",
  url: "https://docs.aws.amazon.com/kms/latest/developerguide/requests-per-second.html",
  checked: "2026-12-01",
};

/** Requests per second where the guide names no higher figure. */
export const defaultKmsQuota = 10_000;

export const kmsQuotaByRegion: Readonly<Record<string, number>> = {
  "us-east-1": 100_000,
  "us-west-2": 100_000,
  "eu-west-1": 100_000,
  "us-east-2": 20_000,
  "ap-southeast-1": 20_000,
  "ap-southeast-2": 20_000,
  "ap-northeast-1": 20_000,
  "eu-central-1": 20_000,
  "eu-west-2": 20_000,
};

type KmsQuota = { perSecond: number; source: "settings" | "default" };

/** The region's shared quota: the Settings override if there is one, else the guide's figure. */
export function kmsQuota(region: string, overrides: Readonly<Record<string, number>>): KmsQuota {
  const override = overrides[region];
  if (override !== undefined) return { perSecond: override, source: "settings" };
  return { perSecond: kmsQuotaByRegion[region] ?? defaultKmsQuota, source: "default" };
}

/** Share of the quota a rate uses, 0–∞ (above 1 is throttling). */
export const quotaShare = (perSecond: number, quota: KmsQuota): number => perSecond / quota.perSecond;

/** A rate's number alone: two decimals under 1, one under 100. */
export const formatRateFigure = (n: number) =>
  n.toLocaleString("en-US", { maximumFractionDigits: n < 1 ? 2 : n < 100 ? 1 : 0 });

/** "12.5/s", "1,234/s": a request rate as the wizard and Reports show it. */
export const formatRate = (perSecond: number) => `${formatRateFigure(perSecond)}/s`;

/** "0.02 %", "under 0.001 %": a share of a quota. */
export const formatShare = (share: number) =>
  share > 0 && share < 0.00001
    ? "under 0.001 %"
    : `${(share * 100).toLocaleString("en-US", { maximumFractionDigits: 3 })} %`;
