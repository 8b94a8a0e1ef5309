import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./axe";

// Reads the demo scenario only; changes nothing. Buckets asserted here are ones no other
// spec mutates (see the header of each spec that changes demo buckets).

test("the overview counts buckets by encryption type and lists the top candidates by saving", async ({
  page,
  request,
}) => {
  // Savings come from the KMS usage the demo's trail logs hold: wait for their ingestion.
  await expect
    .poll(async () => (await (await request.get("/api/usage/ingest")).json()).state, { timeout: 60_000 })
    .toMatch(/done|failed/);
  await page.goto("/");
  await expect(page.getByTestId("emulator-banner")).toContainText("Local emulator");
  await expect(page.getByTestId("header-account")).toHaveText("123456789012");
  const tiles = page.getByTestId("overview-tiles");
  await expect(tiles.getByRole("link", { name: /Buckets\s*14/ })).toBeVisible();
  await expect(tiles.getByRole("link", { name: /DSSE-KMS\s*1/ })).toBeVisible();
  await expect(tiles.getByRole("link", { name: /No default\s*1/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Candidates for a Bucket Key (6)" })).toBeVisible();
  // The five with the largest projected saving; the sixth is one link away, in the bucket table.
  const list = page.getByTestId("candidate-list");
  await expect(list.getByRole("listitem")).toHaveCount(5);
  await expect(list.getByRole("listitem").first()).toContainText("bkc-demo-orders");
  await expect(page.getByTestId("candidate-saving-bkc-demo-orders")).toHaveText(/^About USD [\d,]+\.\d\d a month$/);
  await expect(list.getByRole("link", { name: "bkc-demo-media" })).toHaveCount(0);
  await page.getByRole("link", { name: "All 6 candidates in the bucket table" }).click();
  await expect(page).toHaveURL(/\/buckets\?candidates=1$/);
  await expect(page.getByTestId("bucket-count")).toContainText("6 matching of 14 buckets");
  await page.goto("/");
  await expect(page.getByTestId("scan")).toContainText(/Last scan finished at .*: 14 buckets read\./);
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: "screenshots/overview.png", fullPage: true });
});

const candidates = [
  "bkc-demo-analytics-eu",
  "bkc-demo-aws-managed",
  "bkc-demo-invoices",
  "bkc-demo-legacy-exports",
  "bkc-demo-replicated-source",
];

test("the bucket table filters, searches and sorts", async ({ page }) => {
  await page.goto("/buckets");
  // Bucket rows only: the virtualized table pads around the rows it renders with spacer rows.
  const rows = page.locator('tbody tr[data-testid^="bucket-row-"]');
  await expect(rows).toHaveCount(14);
  await expect(page.getByTestId("bucket-count")).toContainText("14 matching of 14 buckets");
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: "screenshots/buckets.png", fullPage: true });

  await test.step("region filter", async () => {
    await page.getByRole("combobox", { name: /^Region/ }).selectOption("eu-west-1");
    await expect(rows).toHaveCount(4);
    await expect(page).toHaveURL(/region=eu-west-1/);
  });
  await test.step("Bucket Key on, within the region", async () => {
    await page.getByRole("combobox", { name: /^Bucket Key/ }).selectOption("on");
    await expect(rows).toHaveCount(2);
    await expect(page.getByTestId("bucket-row-bkc-demo-clickstream-eu")).toBeVisible();
    await expect(page.getByTestId("bucket-row-bkc-demo-replica-eu")).toBeVisible();
  });
  await test.step("a filter set that matches nothing offers to clear", async () => {
    await page.getByRole("combobox", { name: /^Encryption/ }).selectOption("DSSE-KMS");
    await expect(page.getByText("No bucket matches these filters.")).toBeVisible();
    await page.screenshot({ path: "screenshots/buckets-no-match.png" });
    await page.getByRole("button", { name: "Clear all filters" }).click();
    await expect(rows).toHaveCount(14);
  });
  await test.step("encryption type and search", async () => {
    await page.getByRole("combobox", { name: /^Encryption/ }).selectOption("SSE-S3");
    await expect(rows).toHaveCount(3);
    await page.getByLabel("Search").fill("versioned");
    await expect(rows).toHaveCount(1);
    await expect(page.getByTestId("bucket-row-bkc-demo-versioned-docs")).toContainText("Enabled");
    await page.getByLabel("Search").fill("");
    await page.getByRole("combobox", { name: /^Encryption/ }).selectOption("all");
  });
  await test.step("search by key alias", async () => {
    await page.getByLabel("Search").fill("legacy-app");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText("bkc-demo-legacy-exports");
    await page.getByLabel("Search").fill("");
  });
  await test.step("sorting by region, descending", async () => {
    await page.getByRole("button", { name: /^Region/ }).click();
    await expect(page.getByRole("columnheader", { name: /Region/ })).toHaveAttribute("aria-sort", "ascending");
    await expect(rows.first()).toContainText("eu-west-1");
    await page.getByRole("button", { name: /^Region/ }).click();
    await expect(page.getByRole("columnheader", { name: /Region/ })).toHaveAttribute("aria-sort", "descending");
    await expect(rows.first()).toContainText("us-east-1");
  });
  await test.step("candidates only survives a reload (state in the URL)", async () => {
    await page.getByLabel("Candidates only").check();
    await page.reload();
    await expect(page.getByLabel("Candidates only")).toBeChecked();
    // The demo's SSE-KMS buckets without a Bucket Key; bkc-demo-orders is the sixth until
    // wizard.spec (which runs after this spec) turns its Bucket Key on.
    await expect(rows).toHaveCount(6);
    for (const name of candidates) await expect(page.getByTestId(`bucket-row-${name}`)).toContainText("Candidate");
    await expect(page.getByTestId("bucket-row-bkc-demo-media")).toHaveCount(0);
    await expect(page.getByTestId("bucket-row-bkc-demo-dsse-records")).toHaveCount(0);
    for (const row of await rows.all()) await expect(row).toContainText("Candidate");
  });
});

test("the detail page shows the key, versioning and replication of a bucket", async ({ page }) => {
  await page.goto("/buckets");
  await page.getByRole("link", { name: "bkc-demo-replicated-source" }).click();
  await expect(page).toHaveURL(/\/buckets\/bkc-demo-replicated-source\?account=123456789012$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("bkc-demo-replicated-source");
  const key = page.getByRole("region", { name: "KMS key" });
  await expect(key).toContainText("alias/orders-data");
  await expect(key).toContainText("Enabled");
  await expect(page.getByRole("region", { name: "Versioning" })).toContainText("Enabled");
  const replication = page.getByRole("region", { name: "Replication" });
  await expect(replication).toContainText("bkc-demo-replica-eu");
  await expect(replication).toContainText("eu-west-1");
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: "screenshots/bucket-detail.png", fullPage: true });
});

test("a disabled key is shown as such on the detail page", async ({ page }) => {
  await page.goto("/buckets/bkc-demo-legacy-exports");
  await expect(page.getByRole("region", { name: "KMS key" })).toContainText("Disabled");
});

test("a bad bucket name and an unknown bucket get clear messages", async ({ page }) => {
  // Next adds an empty route-announcer alert to every page: look at the one with text.
  const alert = page.getByRole("alert").filter({ hasText: /\w/ });
  await page.goto("/buckets/Bad_Name");
  await expect(alert).toContainText("Invalid bucket name.");
  await expect(alert).toContainText('"Bad_Name" is not a valid S3 bucket name: it may contain only lowercase letters');
  await page.goto("/buckets/bkc-demo-does-not-exist");
  await expect(alert).toContainText("No such bucket.");
  await expect(alert).toContainText("Bucket bkc-demo-does-not-exist does not exist.");
  await page.screenshot({ path: "screenshots/bucket-not-found.png" });
});

test("Export CSV downloads every bucket matching the filters, from the server", async ({ page }) => {
  await page.goto("/buckets?type=SSE-S3&sort=name&dir=desc");
  await expect(page.getByTestId("bucket-count")).toContainText("3 matching of 14 buckets");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export CSV of 3 matching buckets" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^bucket-inventory-\d{4}-\d\d-\d\d\.csv$/);
  const lines = (await readFile(await download.path(), "utf8")).trim().split("\r\n");
  expect(lines[0]).toBe(
    "account,bucket,region,encryption,kms_key_arn,kms_key_alias,bucket_key,versioning,replication_rules,candidate,read_at,error",
  );
  expect(lines).toHaveLength(4);
  expect(lines.slice(1).every((l) => l.split(",")[3] === "SSE-S3")).toBe(true);
  // Same order as the table: name, descending.
  const names = lines.slice(1).map((l) => l.split(",")[1]);
  expect(names).toEqual([...names].sort().reverse());
});

test("the bucket table's loading and error states, and Try again", async ({ page }) => {
  // The console server itself failing is simulated at the browser's network layer (the real
  // error body shape); the emulator and the store are untouched.
  let failing = true;
  await page.route("**/api/buckets?*", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    if (!failing) return route.continue();
    await route.fulfill({
      status: 503,
      contentType: "application/json",
      body: JSON.stringify({ error: { code: "throttled", message: "S3 is throttling requests: try again shortly." } }),
    });
  });
  await page.goto("/buckets");
  await expect(page.getByRole("status", { name: "Loading buckets" })).toBeVisible();
  await page.screenshot({ path: "screenshots/buckets-loading.png" });
  const alert = page.getByRole("alert").filter({ hasText: "could not be loaded" });
  await expect(alert).toContainText("The bucket inventory could not be loaded.", { timeout: 15_000 });
  await expect(alert).toContainText("S3 is throttling requests: try again shortly.");
  await page.screenshot({ path: "screenshots/buckets-error.png" });
  failing = false;
  await alert.getByRole("button", { name: /Try again|Retry/ }).click();
  await expect(page.getByTestId("bucket-count")).toContainText("matching of 14 buckets");
});
