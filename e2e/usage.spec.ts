import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { formatUsd } from "../components/charts/format";
import { expectNoSeriousA11yViolations } from "./axe";

// KMS usage from the demo's CloudTrail log files, which the server ingests on start.
// Reads only, except the pricing test, which restores the prices it found (in finally). Relies on
// bkc-demo-media's calls switching to bucket level mid-period and on bkc-demo-orders
// staying a candidate in the usage data (specs that change buckets do not rewrite logs).

// The demo's half a million KMS events take the ingestion on start some 10 s on a shared 2-core
// machine (bench/ingest.ts: ~60,000 events/s); the margin is for a machine under heavy load.
async function ingestionDone(request: APIRequestContext) {
  test.setTimeout(150_000);
  await expect
    .poll(async () => (await (await request.get("/api/usage/ingest")).json()).state, {
      timeout: 90_000,
      message: "ingestion on start finishes",
    })
    .toBe("done");
}

test.beforeEach(async ({ request }) => ingestionDone(request));

test("the bucket whose Bucket Key went on shows the drop to bucket-level calls", async ({ page, request }) => {
  await test.step("the API: object-level calls before the switch, bucket-level after", async () => {
    const media = await (await request.get("/api/usage?bucket=bkc-demo-media&granularity=day")).json();
    expect(media.bucketKeyEnabledAt).not.toBeNull();
    const switchAt = Date.parse(media.bucketKeyEnabledAt);
    const before = media.points.filter((p: { t: string }) => Date.parse(p.t) < switchAt - 86_400_000);
    const after = media.points.filter(
      (p: { t: string; object: number; bucket: number }) =>
        Date.parse(p.t) > switchAt + 7 * 86_400_000 && p.object + p.bucket > 0,
    );
    const mean = (ps: { object: number; bucket: number }[]) =>
      ps.reduce((s, p) => s + p.object + p.bucket, 0) / ps.length;
    expect(before.length).toBeGreaterThan(0);
    expect(after.length).toBeGreaterThan(0);
    expect(mean(before)).toBeGreaterThan(5 * mean(after));
  });

  await page.goto("/buckets/bkc-demo-media");
  const usage = page.getByTestId("bucket-usage");
  await expect(usage.getByRole("region", { name: "KMS requests" })).toBeVisible();
  await expect(usage.getByTestId("bucket-usage-totals")).toContainText(/Bucket Key on since about/);
  await expect(usage.getByText("Bucket Key on", { exact: true })).toBeVisible();
  await expect(usage.locator(".recharts-bar-rectangle").first()).toBeVisible();
  await test.step("range picker and cost axis", async () => {
    await usage.getByRole("button", { name: "90 days" }).click();
    await expect(usage.getByRole("button", { name: "90 days" })).toHaveAttribute("aria-pressed", "true");
    await usage.getByLabel("Show cost").check();
    await expect(usage.locator(".recharts-line")).toBeVisible();
  });
  await expectNoSeriousA11yViolations(page);
  await usage.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "screenshots/usage-bucket-media.png", fullPage: true });
});

test("a candidate bucket shows object-level calls only, hourly on a short range", async ({ page }) => {
  await page.goto("/buckets/bkc-demo-orders");
  const usage = page.getByTestId("bucket-usage");
  await expect(usage.getByTestId("bucket-usage-totals")).toContainText(/object-level and 0 bucket-level requests/);
  await expect(usage.getByText("Bucket Key on", { exact: true })).toHaveCount(0);
  await usage.getByRole("button", { name: "7 days" }).click();
  await usage.getByLabel("Hourly").check();
  await expect(usage.locator(".recharts-bar-rectangle").first()).toBeVisible();
  await page.screenshot({ path: "screenshots/usage-bucket-orders-hourly.png", fullPage: true });
});

// The headline figures. Their values are pinned to the cent in tests/integration/demo-figures.test.ts, where the
// demo's day and the clock are fixed; here the server runs on today's demo and clock, so the pages must show
// exactly what the server answered them: the Overview to the cent, Reports' tiles as they round (formatUsd: whole
// dollars from USD 100, the size of the demo's figures).
test("the Overview's top candidate and the Reports totals show the server's figures", async ({ page }) => {
  const dollars = (usd: number) => usd.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  await test.step("Overview: the top candidate and its monthly saving", async () => {
    const answer = page.waitForResponse((r) => r.url().includes("/api/inventory/candidates"));
    await page.goto("/");
    const top = (await (await answer).json()).candidates[0];
    expect(top.bucket.name).toBe("bkc-demo-orders");
    await expect(page.getByTestId("candidate-list").getByRole("link").first()).toHaveText(top.bucket.name);
    await expect(page.getByTestId(`candidate-saving-${top.bucket.name}`)).toHaveText(
      `About USD ${dollars(top.monthlySavingUsd)} a month`,
    );
  });
  await test.step("Reports: the four totals and bkc-demo-orders's estimate with a Bucket Key", async () => {
    const answer = page.waitForResponse((r) => r.url().includes("/api/savings"));
    await page.goto("/reports");
    const s = await (await answer).json();
    expect(s.totals.monthlyProjectedUsd).toBeGreaterThanOrEqual(0.01);
    await expect(page.getByTestId("tile-projected")).toContainText(`${formatUsd(s.totals.monthlyProjectedUsd)}/mo`);
    await expect(page.getByTestId("tile-realized")).toContainText(`${formatUsd(s.totals.monthlyRealizedUsd)}/mo`);
    await expect(page.getByText("KMS request cost in range").locator("..")).toContainText(formatUsd(s.totals.costUsd));
    await expect(page.getByText("Account bill, monthly").locator("..")).toContainText(
      formatUsd(s.totals.monthlyAccountCostUsd),
    );
    const orders = s.rows.find((r: { bucket: string }) => r.bucket === "bkc-demo-orders");
    const estimate = Math.round(orders.projection.perRoleRequests).toLocaleString("en-US");
    const row = page.getByTestId("saving-bkc-demo-orders");
    await row.getByText("why?").click();
    await expect(row.getByRole("note")).toContainText(`Estimated requests with a Bucket Key: ${estimate} (`);
    await row.getByText("why?").click();
  });
});

test("reports: trend, top buckets, savings by method with totals, why-this-number and CSV", async ({ page }) => {
  await page.goto("/reports");
  await expect(page.getByTestId("ingest-summary")).toContainText(/Up to date/);
  await expect(page.getByTestId("account-usage-chart")).toBeVisible();
  await page.getByRole("button", { name: "60 days" }).click();
  const table = page.getByTestId("savings-table");
  await expect(page.getByTestId("saving-bkc-demo-media")).toContainText("Realized");
  await expect(page.getByTestId("saving-bkc-demo-orders")).toContainText("Projected");
  await expect(page.getByTestId("saving-bkc-demo-dsse-records")).toContainText("Not eligible");
  await expect(page.getByTestId("saving-bkc-demo-clickstream-eu")).toContainText("No baseline");
  await expect(page.getByTestId("savings-totals")).toContainText(
    /Projected \$[\d,.]+\/month · Realized \$[\d,.]+\/month/,
  );
  await expect(page.getByTestId("savings-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();

  await test.step("why this number", async () => {
    await page.getByTestId("saving-bkc-demo-media").getByText("why?").click();
    const note = page.getByTestId("saving-bkc-demo-media").getByRole("note");
    await expect(note).toContainText("taken as the hour the Bucket Key was turned on");
    await expect(note).toContainText("Baseline before it");
    await page.screenshot({ path: "screenshots/usage-reports-why.png", fullPage: true });
    await page.getByTestId("saving-bkc-demo-media").getByText("why?").click();
  });

  await test.step("CSV export", async () => {
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export CSV" }).click();
    const csv = readFileSync((await (await download).path())!, "utf8");
    expect(csv.split("\r\n")[0]).toBe(
      "bucket,account,region,method,object_level_requests,bucket_level_requests,cost_usd,estimated_requests," +
        "estimated_cost_usd,monthly_saving_requests,monthly_saving_usd,bucket_key_enabled_at",
    );
    expect(csv).toMatch(/^bkc-demo-media,123456789012,us-east-1,realized,\d+,\d+,/m);
    expect(csv.trimEnd().split("\r\n")).toHaveLength((await table.locator("tbody tr").count()) + 1);
  });
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: "screenshots/usage-reports.png", fullPage: true });
});

test("pricing settings: a bad value is refused with the server's message; a good one reprices the reports", async ({
  page,
  request,
}) => {
  // Whatever happens here, the other specs get the prices they started with.
  const saved = await (await request.get("/api/settings/pricing")).json();
  try {
    const before = (await (await request.get("/api/savings")).json()).totals.costUsd;
    await page.goto("/settings");
    // Settings has several forms, each with its own Save: this one is the pricing form's.
    const form = page.getByRole("form", { name: "KMS pricing" });
    const price = form.getByLabel("Price per 10,000 requests (USD)");
    await price.fill("-1");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("alert").filter({ hasText: /\w/ })).toContainText(
      "pricePer10k: a price cannot be negative",
    );
    await price.fill("0.06");
    await form.getByRole("button", { name: "Add a regional price" }).click();
    await form.getByLabel("Region", { exact: true }).fill("eu-west-1");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: "screenshots/usage-settings.png", fullPage: true });
    const after = (await (await request.get("/api/savings")).json()).totals.costUsd;
    expect(after / before).toBeCloseTo(2, 5);
  } finally {
    const restored = await request.put("/api/settings/pricing", { data: saved });
    expect(restored.status()).toBe(200);
  }
});
