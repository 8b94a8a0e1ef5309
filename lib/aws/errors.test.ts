import assert from "node:assert/strict";
import { test } from "node:test";
import { toAppError } from "./errors";

// What AWS (or the SDK) puts in an error can carry keys, tokens, signatures and request ids.
const secrets = [
  "AKIAIOSFODNN7EXAMPLE",
  "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  "IQoJb3JpZ2luX2VjEJr//token",
  "Signature=abc123def",
  "req-7f3a9",
];

function awsError(name: string, status: number) {
  return Object.assign(new Error(`The request signature we calculated does not match. ${secrets.join(" ")}`), {
    name,
    $metadata: { httpStatusCode: status, requestId: "req-7f3a9" },
    $response: { headers: { "x-amz-security-token": secrets[2] } },
    Credentials: { AccessKeyId: secrets[0], SecretAccessKey: secrets[1] },
  });
}

for (const [name, status] of [
  ["AccessDenied", 403],
  ["SignatureDoesNotMatch", 403],
  ["InvalidAccessKeyId", 403],
  ["ExpiredToken", 400],
  ["SlowDown", 503],
  ["InternalError", 500],
  ["NoSuchBucket", 404],
  ["SomethingNew", 400],
  ["TimeoutError", 0],
] as const) {
  test(`${name}: the mapped error, as the API would serialise it, carries none of AWS's text`, () => {
    const e = toAppError(awsError(name, status), "s3:GetEncryptionConfiguration", "my-bucket");
    const wire = JSON.stringify({ error: { code: e.code, message: e.message, details: e.details } });
    for (const s of secrets) assert.ok(!wire.includes(s), `${name} leaks ${s}: ${wire}`);
    assert.doesNotMatch(wire, /signature we calculated/);
    assert.ok(e.message.length > 20, "still a useful sentence");
  });
}
