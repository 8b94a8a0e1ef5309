import { expect, test, type APIRequestContext } from "@playwright/test";
import { PutBucketEncryptionCommand, S3Client } from "@aws-sdk/client-s3";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { e2eMotoUrl } from "../playwright.config";
import { expectNoSeriousA11yViolations } from "./axe";

// Settings → Inventory source → the demo's AWS Config aggregator → All accounts filled, a member
// account without a role included (its bucket page shows Config's posture, offers no change, and says which role
// that needs); a change made directly in S3 shows after an incremental pass;
// the guardrail's templates are there to review, and the guardrail is applied in one account after a confirmation and
// read back from the aggregator (the double keeps CUSTOM_POLICY rules and answers the aggregate compliance, which
// moto does not). moto has no SelectAggregateResourceConfig: the
// demo runs scripts/config-double in front of moto, which stands in for AWS Config there.
// Puts the source back to direct and rescans at the end: the later specs read direct rows.

const member = "444444444444";
const dataPlatform = "210987654321";

async function memberS3() {
  const { Credentials: c } = await new STSClient({
    region: "us-east-1",
    endpoint: e2eMotoUrl,
    credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
  }).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${member}:role/e2e`, RoleSessionName: "e2e" }));
  const credentials = {
    accessKeyId: c!.AccessKeyId!,
    secretAccessKey: c!.SecretAccessKey!,
    sessionToken: c!.SessionToken!,
  };
  return new S3Client({ region: "us-east-1", endpoint: e2eMotoUrl, forcePathStyle: true, credentials });
}

async function backToDirect(request: APIRequestContext) {
  await request.delete("/api/inventory/config");
  await expect
    .poll(async () => (await (await request.get("/api/inventory/config")).json())?.state, { timeout: 30_000 })
    .not.toBe("running");
  expect((await request.put("/api/settings/inventory-source", { data: { kind: "direct" } })).status()).toBe(200);
  expect((await request.post("/api/inventory/scan?account=all")).status()).toBe(202);
  await expect
    .poll(async () => (await (await request.get("/api/inventory/scan?account=all")).json()).scan.state, {
      timeout: 60_000,
    })
    .not.toBe("running");
}

test("the aggregator fills All accounts, keeps it true after a change in S3, and offers the guardrail", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  try {
    const section = page.getByRole("region", { name: "Inventory source", exact: true });
    await test.step("Settings recommends the aggregator DescribeConfigurationAggregators found; choose it", async () => {
      await page.goto("/settings");
      const recommendation = section.getByTestId("inventory-source-recommendation");
      await expect(recommendation).toContainText("Recommended: AWS Config aggregator");
      await expect(recommendation).toContainText("bkc-demo-aggregator");
      await recommendation.getByRole("button", { name: "Use" }).click();
      await expect(section.getByLabel("Aggregator name")).toHaveValue("bkc-demo-aggregator");
      await section.getByRole("button", { name: "Apply inventory source" }).click();
      await expect(section.getByTestId("config-pass-full")).toHaveAttribute("data-state", "done", { timeout: 60_000 });
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: "screenshots/settings-inventory-source.png", fullPage: true });
    });

    await test.step("the guardrail's rule and templates are shown for review", async () => {
      const review = section.getByTestId("guardrail-review");
      await review.locator("summary").click();
      await expect(review.getByRole("tabpanel")).toContainText("bucketKeyEnabled == true");
      await review.getByRole("tab", { name: "CloudFormation" }).click();
      await expect(review.getByRole("tabpanel")).toContainText('"TargetId": "AWS-EnableS3BucketKeys"');
      await review.getByRole("tab", { name: "Terraform" }).click();
      await expect(review.getByRole("tabpanel")).toContainText('resource "aws_config_config_rule" "bucket_key"');
      await page.screenshot({ path: "screenshots/settings-guardrail.png", fullPage: true });
    });

    await test.step("the guardrail applied in data-platform after a review of exactly what is created, then in place", async () => {
      const inPlace = section.getByRole("region", { name: "Guardrail in place" });
      await expect(inPlace.getByTestId(`guardrail-${dataPlatform}`)).toContainText("Not in place");
      await inPlace.getByRole("combobox", { name: /Account/ }).selectOption(dataPlatform);
      await inPlace.getByRole("button", { name: "Review the rule for this account" }).click();
      const confirm = inPlace.getByTestId("guardrail-confirm");
      await expect(confirm).toContainText(`PutConfigRule in account ${dataPlatform}, region us-east-1`);
      await expect(confirm).toContainText("owner CUSTOM_POLICY");
      await expect(confirm).toContainText("bucketKeyEnabled == true");
      await page.screenshot({ path: "screenshots/settings-guardrail-confirm.png", fullPage: true });
      await confirm.getByRole("button", { name: `Create the rule in ${dataPlatform}` }).click();
      await expect(inPlace.getByRole("status")).toContainText(`Created in ${dataPlatform}, us-east-1`);
      await expect(inPlace.getByTestId(`guardrail-${dataPlatform}`)).toContainText(
        /In place \(us-east-1: (NON_)?COMPLIANT\)/,
      );
      await expect(inPlace.getByTestId("guardrail-123456789012")).toContainText("Not in place");
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: "screenshots/settings-guardrail-in-place.png", fullPage: true });
    });

    const row = page.getByTestId("bucket-row-bkc-member-analytics");
    await test.step("All accounts: the member without a role is listed from Config, with a note", async () => {
      await page.goto("/buckets?q=bkc-member");
      await page.getByTestId("account-selector").selectOption("all");
      await expect(page.getByTestId("config-only-accounts")).toContainText(member);
      // The demo's sandbox role refuses the console: counted among the accounts with a role, as the picker counts.
      await expect(page.getByTestId("account-selector").locator("option").first()).toHaveText("All accounts (3)");
      await expect(page.getByTestId("account-problems")).toContainText("1 of 3 accounts could not be read");
      await expect(row).toContainText("AWS Config, captured at");
      await expect(row).toContainText(member);
      await expect(row).toContainText("Candidate");
      await expect(row).toContainText("Not known from Config");
      await page.screenshot({ path: "screenshots/all-accounts-from-config.png", fullPage: true });
    });

    await test.step("a member bucket's page: Config's posture and source, the rest not known, no change offered", async () => {
      // In the table the row's change action is there but unavailable, its reason read with it.
      const rowAction = row.getByRole("button", { name: "Enable Bucket Key" });
      await expect(rowAction).toHaveAttribute("aria-disabled", "true");
      await expect(rowAction).toHaveAccessibleDescription(new RegExp(`needs the console's role in account ${member}`));
      await row.getByRole("link", { name: "bkc-member-analytics" }).click();
      await expect(page).toHaveURL(new RegExp(`/buckets/bkc-member-analytics\\?account=${member}`));
      const encryption = page.getByRole("region", { name: "Default encryption" });
      await expect(encryption).toContainText("AWS Config, captured at");
      await expect(page.getByRole("region", { name: "KMS key" })).toContainText("Not known from Config");
      await expect(page.getByRole("region", { name: "Replication" })).toContainText("Not known from Config");
      // No error from a failed role call (the route announcer outside main is Next's own alert).
      await expect(page.getByRole("main").getByRole("alert")).toHaveCount(0);
      const edit = page.getByRole("button", { name: "Edit default encryption" });
      await expect(edit).toHaveAttribute("aria-disabled", "true");
      await expect(edit).toHaveAccessibleDescription(
        `Changing this bucket needs the console's role in account ${member}. ` +
          'Add it to CONSOLE_ACCOUNTS_FILE or reach it with CONSOLE_ORGANIZATION_ROLE_NAME (README, "Many accounts").',
      );
      // Keyboard: the unavailable action stays in the tab order, and Enter on it goes nowhere.
      await edit.focus();
      await page.keyboard.press("Enter");
      await expect(page).toHaveURL(/\/buckets\/bkc-member-analytics/);
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: "screenshots/bucket-known-only-from-config.png", fullPage: true });
    });

    await test.step("a Bucket Key turned on directly in S3 shows after an incremental pass", async () => {
      await (
        await memberS3()
      ).send(
        new PutBucketEncryptionCommand({
          Bucket: "bkc-member-analytics",
          ServerSideEncryptionConfiguration: {
            Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms" }, BucketKeyEnabled: true }],
          },
        }),
      );
      await page.goto("/settings");
      await section.getByRole("button", { name: "Run incremental pass" }).click();
      await expect(section.getByTestId("config-pass-incremental")).toHaveAttribute("data-state", "done", {
        timeout: 30_000,
      });
      await page.goto("/buckets?q=bkc-member");
      await page.getByTestId("account-selector").selectOption("all");
      await expect(row).toContainText("AWS Config, captured at");
      await expect(row).not.toContainText("Candidate");
    });
  } finally {
    await backToDirect(request);
  }
});
