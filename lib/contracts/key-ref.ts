// Parses the ways a KMS key can be named (key id, key ARN, alias name, alias ARN). Pure, so
// the wizard can validate a typed value on every keystroke, on the client too.

type KeyRef =
  | { kind: "key-id"; keyId: string }
  | { kind: "key-arn"; keyId: string; region: string; account: string; partition: string }
  | { kind: "alias-name"; alias: string }
  | { kind: "alias-arn"; alias: string; region: string; account: string; partition: string };

type KeyRefCheck = { ok: true; ref: KeyRef } | { ok: false; reason: string };

const keyIdPattern = /^(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const aliasNamePattern = /^alias\/[a-zA-Z0-9/_-]{1,250}$/;
const arnPattern = /^arn:(aws|aws-cn|aws-us-gov):kms:([a-z]{2}(?:-[a-z]+)+-\d):(\d{12}):(key|alias)\/(.+)$/;

export function parseKeyRef(input: string): KeyRefCheck {
  const value = input.trim();
  if (!value) return { ok: false, reason: "Enter a KMS key ARN, key id or alias." };
  if (keyIdPattern.test(value)) return { ok: true, ref: { kind: "key-id", keyId: value } };
  if (value.startsWith("alias/")) {
    return aliasNamePattern.test(value)
      ? { ok: true, ref: { kind: "alias-name", alias: value } }
      : { ok: false, reason: "An alias is alias/ followed by letters, digits, /, _ or -." };
  }
  if (!value.startsWith("arn:")) {
    return {
      ok: false,
      reason: "Not a KMS key: expected arn:aws:kms:<region>:<account>:key/<key-id>, a key id, or alias/<name>.",
    };
  }
  const m = arnPattern.exec(value);
  if (!m) {
    return {
      ok: false,
      reason: "Not a KMS key ARN: expected arn:aws:kms:<region>:<12-digit account>:key/<key-id> or …:alias/<name>.",
    };
  }
  const [, partition = "aws", region = "", account = "", type, rest = ""] = m;
  if (type === "key") {
    return keyIdPattern.test(rest)
      ? { ok: true, ref: { kind: "key-arn", keyId: rest, region, account, partition } }
      : {
          ok: false,
          reason: `"${rest}" is not a KMS key id (a UUID, or mrk- and 32 hex digits for multi-Region keys).`,
        };
  }
  const alias = `alias/${rest}`;
  return aliasNamePattern.test(alias)
    ? { ok: true, ref: { kind: "alias-arn", alias, region, account, partition } }
    : { ok: false, reason: "An alias is alias/ followed by letters, digits, /, _ or -." };
}

export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

export function keyArn(region: string, account: string, keyId: string): string {
  return `arn:${partitionOf(region)}:kms:${region}:${account}:key/${keyId}`;
}
