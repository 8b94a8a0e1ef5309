import assert from "node:assert/strict";
import { test } from "node:test";
import { bucketHref, inventoryExportHref, withAccount, wizardHref, wizardMatchingHref } from "./hrefs";

test("names the account, with ? or & as the URL needs", () => {
  assert.equal(withAccount("/api/buckets", "111122223333"), "/api/buckets?account=111122223333");
  assert.equal(
    withAccount("/api/kms/keys?region=eu-west-1", "111122223333"),
    "/api/kms/keys?region=eu-west-1&account=111122223333",
  );
  assert.equal(withAccount("/api/buckets", null), "/api/buckets");
});

test("all accounts only where a call reads across accounts", () => {
  assert.equal(withAccount("/api/buckets", "all", { acrossAccounts: true }), "/api/buckets?account=all");
  assert.equal(withAccount("/api/buckets/orders", "all"), "/api/buckets/orders");
});

test("links to a bucket's pages carry the bucket's account", () => {
  assert.equal(bucketHref("orders", "111122223333"), "/buckets/orders?account=111122223333");
  assert.equal(bucketHref("orders", null), "/buckets/orders");
  assert.equal(wizardHref(["a", "b"], "111122223333"), "/wizard?buckets=a,b&account=111122223333");
  assert.equal(wizardHref(["a"], undefined), "/wizard?buckets=a");
});

test("the wizard over all matching buckets carries the filters, not the names", () => {
  const filters = new URLSearchParams("q=bulk&candidate=1&sort=region&order=desc");
  assert.equal(
    wizardMatchingHref(filters, "111122223333"),
    "/wizard?select=matching&q=bulk&candidate=1&account=111122223333",
  );
  assert.equal(wizardMatchingHref(new URLSearchParams(), null), "/wizard?select=matching");
});

test("the CSV export names the table's query and may span all accounts", () => {
  assert.equal(
    inventoryExportHref(new URLSearchParams("type=NONE"), "all"),
    "/api/inventory/export?type=NONE&account=all",
  );
  assert.equal(inventoryExportHref(new URLSearchParams(), null), "/api/inventory/export");
});
