import assert from "node:assert/strict";
import { test } from "node:test";
import { AppError } from "@/lib/contracts/errors";
import { parseReportManifest } from "./manifest";

const manifest = (over: Record<string, unknown>) =>
  JSON.stringify({
    sourceBucket: "src",
    destinationBucket: "arn:aws:s3:::dst",
    creationTimestamp: "1764550800000",
    fileFormat: "CSV",
    fileSchema: "Bucket, Key, Size, EncryptionStatus, BucketKeyStatus",
    files: [{ key: "data/a.csv.gz", size: 10 }],
    ...over,
  });

// Every damaged manifest is a check_failed error naming the manifest (a per-bucket problem), never a crash.
const cases: [string, string, RegExp | null][] = [
  ["a good manifest", manifest({}), null],
  [
    "a creationTimestamp past what a Date holds",
    manifest({ creationTimestamp: "99999999999999999" }),
    /creationTimestamp/,
  ],
  ["a creationTimestamp just past the year 275760", manifest({ creationTimestamp: "8640000000000001" }), /275760/],
  ["a negative file size", manifest({ files: [{ key: "a", size: -1 }] }), /files\.0\.size/],
  ["not JSON", "{", /is not JSON/],
];
for (const [name, text, error] of cases) {
  test(`manifest: ${name}`, () => {
    if (!error) {
      const parsed = parseReportManifest(text, "s3://dst/m.json");
      assert.equal(new Date(Number(parsed.creationTimestamp)).toISOString(), "2025-12-01T01:00:00.000Z");
      return;
    }
    assert.throws(
      () => parseReportManifest(text, "s3://dst/m.json"),
      (err) => err instanceof AppError && err.code === "check_failed" && error.test(err.message),
    );
  });
}
