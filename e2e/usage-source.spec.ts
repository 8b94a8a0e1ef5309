import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./axe";

// Settings → Usage source: the recommendation from the demo trail's size, choosing Athena,
// and the table step (SQL shown, created only after the user says they reviewed it).
// Puts back the source it found, in finally: the other specs ingest the log files.

test("choosing Athena shows the table's SQL and creates it only once the user confirms", async ({ page, request }) => {
  const saved = (await (await request.get("/api/settings/usage-source")).json()).settings;
  try {
    await page.goto("/settings");
    const section = page.getByRole("region", { name: "Usage source", exact: true });
    await expect(section.getByTestId("usage-source-recommendation")).toContainText(
      "Recommended: Trail log files, downloaded once each",
    );
    await expect(section.getByTestId("usage-source-recommendation")).toContainText("s3://bkc-demo-cloudtrail-logs");

    await test.step("choose Athena with a results location", async () => {
      await section.getByLabel("Athena: query the logs where they are").check();
      await section.getByLabel("Results location").fill("s3://bkc-demo-athena-results/usage/");
      await section.getByRole("button", { name: "Apply usage source" }).click();
      await expect(section.getByRole("status")).toContainText("Applied");
    });

    await test.step("the SQL is shown; nothing runs before the review is confirmed", async () => {
      const sql = section.getByTestId("athena-table-sql");
      await expect(sql).toContainText("CREATE EXTERNAL TABLE IF NOT EXISTS `bucket_key_console`.`cloudtrail_kms_");
      await expect(sql).toContainText("'projection.date.format' = 'yyyy/MM/dd'");
      const create = section.getByRole("button", { name: "Create the table" });
      await expect(create).toBeDisabled();
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: "screenshots/usage-source-athena.png", fullPage: true });
      await section.getByLabel("I have reviewed this SQL.").check();
      await create.click();
      await expect(section.getByText(/^Created /)).toBeVisible();
      await expect(
        section
          .getByRole("table", { name: "Recent Athena queries" })
          .getByRole("row")
          .filter({ hasText: "create table" }),
      ).toHaveCount(2);
    });
  } finally {
    const restored = await request.put("/api/settings/usage-source", { data: saved });
    expect(restored.status()).toBe(200);
  }
});
