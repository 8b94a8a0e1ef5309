import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { e2eAppUrl } from "../playwright.config";
import { expectNoSeriousA11yViolations } from "./axe";

// The cost evidence on the demo: its Data Export (scripts/demo-bill.ts) and CloudTrail logs are
// read on start. The Overview leads with the bill's figure, Reports sets the bill beside CloudTrail
// per key (app-secrets keys: no S3 call at all; orders-data: S3 explains most, not all), and History
// measures a change made here (then rolled back, so the other specs see the demo as it was) and the
// one made outside the console on bkc-demo-media.

async function readOnStart(request: APIRequestContext) {
  test.setTimeout(180_000);
  await expect
    .poll(async () => (await (await request.get("/api/usage/ingest")).json()).state, { timeout: 120_000 })
    .toBe("done");
  await expect
    .poll(
      async () => {
        const bill = await (await request.get("/api/bill")).json();
        return !bill.running && bill.periods.length > 0;
      },
      { timeout: 60_000, message: "the demo's bill is read on start" },
    )
    .toBe(true);
}

test.beforeEach(async ({ request }) => readOnStart(request));

test("the Overview leads with S3's KMS cost from the bill, what was saved and what is left", async ({ page }) => {
  await page.goto("/");
  const cost = page.getByTestId("headline-cost");
  await expect(cost).toContainText("Bill");
  await expect(cost).toContainText(/S3's share of the KMS request bill \(Data Export\) of \d{4}-\d{2}-\d{2} to/);
  await expect(cost).toContainText(/\$\d/);
  // bkc-demo-media's Bucket Key went on outside the console 25 days ago (a management event in the demo's logs).
  const saved = page.getByTestId("headline-realized");
  await expect(saved).toContainText("CloudTrail");
  await expect(saved).toContainText(/saved from \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2} by 1 change/);
  await expect(saved).toContainText(/\$\d/);
  await expect(page.getByTestId("headline-projected")).toContainText("CloudTrail");
  await expect(page.getByTestId("headline-projected")).toContainText(/per month, projected by the model/);
  await expect(cost).toHaveAttribute("href", "/reports#cost-evidence");
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: "screenshots/cost-overview-headline.png" });
});

test("Reports sets the bill beside CloudTrail per key, with the causes of each gap", async ({ page }) => {
  await page.goto("/reports");
  const panel = page.getByTestId("bill-panel");
  await expect(panel).toContainText("bkc-demo-cur2");
  await expect(page.getByTestId("bill-unclassified")).toContainText("us-east-1-KMS-XksProxy");
  await expect(page.getByTestId("reconciliation-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();
  const keys = page.getByTestId("reconciliation-key");
  expect(await keys.count()).toBeGreaterThanOrEqual(4);
  const secrets = keys.filter({ hasText: /No S3 call with this key/ }).first();
  await expect(secrets).toContainText("0%");
  await expect(secrets).toContainText("gap");
  await expect(keys.filter({ hasText: "matches" }).first()).toBeVisible();
  // orders-data, the demo's largest key: RDS and Lambda add to its reads, so S3 explains most of its bill, not all.
  await expect(keys.filter({ hasText: "matches" }).first()).toContainText(/(?<!\d)[89]\d%/);
  // The savings programme: bkc-demo-media's saving per month since its change, and what is left.
  await expect(page.getByTestId("programme").locator("tbody tr").first()).toContainText(/\d{4}-\d{2}\s*\$/);
  await expect(page.getByTestId("programme-left")).toContainText(/Left to be had: \$[\d,.]+ per month, projected/);
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("heading", { name: "The bill beside CloudTrail" }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: "screenshots/cost-reports-reconciliation.png", fullPage: true });
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export reconciliation CSV" }).click(),
  ]);
  const csv = readFileSync(await download.path(), "utf8").split("\r\n");
  expect(csv[0]).toMatch(/^from_day,to_day,key_arn,account,region,bill_requests,bill_cost_usd,cloudtrail_s3_requests/);
  expect(csv.filter((l) => l.includes(",gap,")).length).toBeGreaterThanOrEqual(2);
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "Read the bill" })).toBeHidden();
  await page.screenshot({ path: "screenshots/cost-reports-print.png", fullPage: true });
});

test("History measures each applied change: the days before, projected beside realized", async ({ page, request }) => {
  const bucket = "bkc-demo-invoices";
  const headers = { origin: e2eAppUrl };
  const config = { type: "SSE-KMS", kmsKeyId: "alias/orders-data", bucketKeyEnabled: true };
  const review = await (
    await request.post(`/api/buckets/${bucket}/encryption/preflight`, { data: { config }, headers })
  ).json();
  const warnings = review.checks
    .filter((c: { status: string }) => c.status === "warn")
    .map((c: { id: string }) => c.id);
  const current = await (await request.get(`/api/buckets/${bucket}/encryption`)).json();
  const applied = await request.put(`/api/buckets/${bucket}/encryption`, {
    data: { config, expectedVersion: current.version, acknowledgedWarnings: warnings },
    headers,
  });
  expect(applied.status()).toBe(200);
  const { change } = await applied.json();
  try {
    await page.goto("/history");
    const outside = page.getByTestId("effect-outside-bkc-demo-media");
    await expect(outside).toContainText("platform-admin");
    await expect(outside).toContainText(/−[89]\d%/);
    await expect(outside).toContainText(/\$[\d,.]+ in \d+ days/);
    const row = page.getByTestId(`effect-${change.id}`);
    await expect(row).toContainText(bucket);
    await expect(row).toContainText(/\/day · \$[\d,.]+\/day/);
    await expect(row).toContainText("no data after the change yet");
    await expect(row).toContainText(/\$[\d,.]+\/month/);
    await expect(row).toContainText(/\$[\d,.]+\/day →/);
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("heading", { name: "Measured effect of each change" }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: "screenshots/cost-history-effects.png", fullPage: true });
  } finally {
    const undo = await request.post(`/api/changes/${change.id}/rollback`, { headers });
    expect(undo.status()).toBe(200);
  }
});

test("Settings looks for the account's exports; where it cannot list them it says why and keeps manual entry", async ({
  page,
}) => {
  // moto has neither BCM Data Exports nor the legacy CUR API: each is named as a problem of the emulator (lists of
  // exports in the APIs' own shapes, and refusals naming IAM actions, are tested with client doubles in
  // tests/integration/bill-detect.test.ts).
  await page.goto("/settings#bill-source");
  const section = page.locator("#bill-source");
  const problems = section.getByTestId("detected-exports-problem");
  await expect(problems.filter({ hasText: "Data Exports:" })).toContainText(
    /The local emulator at http:\/\/127\.0\.0\.1:\d+ does not serve this API \(bcm-data-exports\)/,
  );
  await expect(problems.filter({ hasText: "Cost and Usage Reports (legacy):" })).toContainText(
    "does not serve this API (cur)",
  );
  // The form says once what to do.
  await expect(problems.first()).toContainText(/could be listed\. Enter the location by hand below\.$/);
  await expect(section.getByLabel("Export name")).toHaveValue("bkc-demo-cur2");
  await expect(section.getByLabel("S3 bucket")).toBeEditable();
  // For exports too large for one machine: the export's Athena table instead of its files (not saved here).
  await section.getByLabel(/Read the bill through the export's Athena table/).check();
  await expect(section.getByRole("textbox", { name: /^Athena table/ })).toBeEditable();
  await expect(section.getByRole("textbox", { name: /^Athena workgroup/ })).toHaveValue("primary");
  await expectNoSeriousA11yViolations(page);
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "screenshots/cost-settings-bill-source.png", fullPage: true });
});
