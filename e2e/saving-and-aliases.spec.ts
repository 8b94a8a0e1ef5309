import { expect, test } from "@playwright/test";

// The bucket page's Bucket Key banner states the bucket's projected monthly saving (Reports' figure
// for the last 30 days) with its "why this number"; Reports' headroom table names keys by alias.

test("the banner says the bucket's monthly saving with its why; headroom names the key's alias", async ({
  page,
  request,
}) => {
  // The demo's half a million KMS events take the ingestion on start a while on a loaded machine.
  test.setTimeout(150_000);
  await expect
    .poll(async () => (await (await request.get("/api/usage/ingest")).json()).state, { timeout: 90_000 })
    .toMatch(/done|failed/);

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/buckets/bkc-demo-orders");
  const callout = page.getByTestId("candidate-callout");
  await expect(callout.getByTestId("candidate-saving")).toHaveText(/^\$[\d,.]+ a month$/, { timeout: 30_000 });
  await expect(callout).toContainText("projected from its KMS requests of the last 30 days");
  await callout.getByRole("group").or(callout.locator("details")).locator("summary").click();
  await expect(callout.getByRole("note")).toContainText("figure for bkc-demo-orders");
  await page.screenshot({ path: "screenshots/bucket-saving-1280.png", fullPage: true });

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/reports");
  const headroom = page.getByTestId("headroom-table");
  await expect(headroom.getByTestId("headroom-alias").filter({ hasText: "alias/orders-data" })).toBeVisible({
    timeout: 30_000,
  });
  await headroom.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "screenshots/reports-headroom-1440.png", fullPage: true });
});
