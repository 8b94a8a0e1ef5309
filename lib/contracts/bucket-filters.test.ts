import assert from "node:assert/strict";
import { test } from "node:test";
import { bucketFilterQuerySchema } from "./bucket-list";
import {
  apiQueryOf,
  defaultFilters,
  defaultSort,
  filtersFromParams,
  filtersToParams,
  sortFromParams,
} from "./bucket-filters";

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
  assert.equal(filtersToParams(defaultFilters, defaultSort).toString(), "");
  const bad = new URLSearchParams("type=RC4&bucketKey=maybe&sort=secret");
  assert.deepEqual(filtersFromParams(bad), defaultFilters);
  assert.deepEqual(sortFromParams(bad), defaultSort);
});

test("the table's state becomes the API's query, which the server's schema accepts", () => {
  const filters = { q: "  orders ", type: "SSE-KMS", bucketKey: "off", region: "eu-west-1", candidates: true } as const;
  const query = apiQueryOf(filters, { key: "versioning", dir: "desc" });
  assert.equal(
    query.toString(),
    "q=orders&type=SSE-KMS&bucketKey=off&region=eu-west-1&candidate=1&sort=versioning&order=desc",
  );
  assert.deepEqual(bucketFilterQuerySchema.parse(Object.fromEntries(query)), {
    q: "orders",
    type: "SSE-KMS",
    bucketKey: "off",
    region: "eu-west-1",
    candidate: "1",
    sort: "versioning",
    order: "desc",
  });
  assert.equal(apiQueryOf(defaultFilters, defaultSort).toString(), "");
  assert.equal(apiQueryOf({ ...defaultFilters, q: "   " }, defaultSort).toString(), "", "a blank search is no search");
});
