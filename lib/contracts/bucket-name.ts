// S3 general purpose bucket naming rules, checked before any AWS call so a bad name gets a
// reason instead of a confusing AWS error.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html

type NameCheck = { ok: true } | { ok: false; reason: string };

export function checkBucketName(name: string): NameCheck {
  if (name.length < 3 || name.length > 63) return { ok: false, reason: "must be 3 to 63 characters long" };
  if (!/^[a-z0-9.-]+$/.test(name))
    return { ok: false, reason: "may contain only lowercase letters, digits, dots (.) and hyphens (-)" };
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name))
    return { ok: false, reason: "must begin and end with a letter or digit" };
  if (name.includes("..")) return { ok: false, reason: "must not contain two adjacent dots" };
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return { ok: false, reason: "must not be formatted as an IP address" };
  for (const prefix of ["xn--", "sthree-", "amzn-s3-demo-"]) {
    if (name.startsWith(prefix)) return { ok: false, reason: `must not start with the reserved prefix "${prefix}"` };
  }
  for (const suffix of ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"]) {
    if (name.endsWith(suffix)) return { ok: false, reason: `must not end with the reserved suffix "${suffix}"` };
  }
  return { ok: true };
}
