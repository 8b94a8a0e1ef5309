import assert from "node:assert/strict";
import { test } from "node:test";
import type { BucketPosture } from "@/lib/contracts/inventory";
import {
  defaultFilters,
  filterBuckets,
  filtersFromParams,
  filtersToParams,
  sortBuckets,
  sortFromParams,
} from "./bucket-filters";

function bucket(
  name: string,
  region: string,
  type: "SSE-S3" | "SSE-KMS" | "DSSE-KMS" | "NONE",
  bucketKeyEnabled = false,
  alias: string | null = null,
): BucketPosture {
  return {
    name,
    account: "123456789012",
    region,
    createdAt: null,
    encryption: {
      type,
      kmsKeyArn: null,
      kmsKeyAlias: alias,
      kmsKeyReference: alias,
      kmsKeyProblem: null,
      bucketKeyEnabled,
    },
    versioning: "Off",
    replication: null,
    candidate: type === "SSE-KMS" && !bucketKeyEnabled,
    error: null,
    readAt: "2026-03-01T00:00:00.000Z",
  };
}

const buckets = [
  bucket("orders", "us-east-1", "SSE-KMS", false, "alias/orders-data"),
  bucket("media", "us-east-1", "SSE-KMS", true),
  bucket("analytics", "eu-west-1", "SSE-KMS", false),
  bucket("site", "us-east-1", "SSE-S3"),
  bucket("records", "eu-west-1", "DSSE-KMS"),
  bucket("plain", "eu-west-1", "NONE"),
];
const names = (list: BucketPosture[]) => list.map((b) => b.name);

test("each filter narrows the list as a user expects", () => {
  assert.deepEqual(names(filterBuckets(buckets, { ...defaultFilters, candidates: true })), ["orders", "analytics"]);
  assert.deepEqual(names(filterBuckets(buckets, { ...defaultFilters, bucketKey: "on" })), ["media"]);
  assert.deepEqual(names(filterBuckets(buckets, { ...defaultFilters, bucketKey: "off" })), ["orders", "analytics"]);
  assert.deepEqual(names(filterBuckets(buckets, { ...defaultFilters, region: "eu-west-1", type: "SSE-KMS" })), [
    "analytics",
  ]);
  assert.deepEqual(names(filterBuckets(buckets, { ...defaultFilters, q: "ORDERS-DATA" })), ["orders"]);
  assert.equal(filterBuckets(buckets, defaultFilters).length, buckets.length);
});

test("filters and sort come from the URL, unknown values fall back to defaults", () => {
  const p = new URLSearchParams("type=SSE-KMS&bucketKey=off&region=eu-west-1&candidates=1&q=x&sort=region&dir=desc");
  assert.deepEqual(filtersFromParams(p), {
    q: "x",
    type: "SSE-KMS",
    bucketKey: "off",
    region: "eu-west-1",
    candidates: true,
  });
  assert.deepEqual(sortFromParams(p), { key: "region", dir: "desc" });
  assert.equal(
    filtersToParams(filtersFromParams(p), sortFromParams(p)).toString(),
    "q=x&type=SSE-KMS&bucketKey=off&region=eu-west-1&candidates=1&sort=region&dir=desc",
  );
  assert.equal(filtersToParams(defaultFilters, { key: "name", dir: "asc" }).toString(), "");
  const bad = new URLSearchParams("type=RC4&bucketKey=maybe&sort=secret");
  assert.deepEqual(filtersFromParams(bad), defaultFilters);
  assert.deepEqual(sortFromParams(bad), { key: "name", dir: "asc" });
});

test("sorting by a column keeps names as the tie-breaker", () => {
  assert.deepEqual(names(sortBuckets(buckets, { key: "region", dir: "asc" })), [
    "analytics",
    "plain",
    "records",
    "media",
    "orders",
    "site",
  ]);
  assert.deepEqual(names(sortBuckets(buckets, { key: "name", dir: "desc" })), [
    "site",
    "records",
    "plain",
    "orders",
    "media",
    "analytics",
  ]);
  assert.deepEqual(names(sortBuckets(buckets, { key: "bucketKey", dir: "asc" })).slice(0, 3), [
    "analytics",
    "orders",
    "media",
  ]);
});
