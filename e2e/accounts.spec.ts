import { expect, test, type APIRequestContext } from "@playwright/test";
import {
  GetBucketEncryptionCommand,
  PutBucketEncryptionCommand,
  S3Client,
  type ServerSideEncryptionRule,
} from "@aws-sdk/client-s3";
import { e2eMotoUrl } from "../playwright.config";
import { demoRoleCredentials } from "./demo-role";
import { rescanAndWait } from "./inventory-scan";

// The demo serves three accounts (scripts/demo-accounts.json): the emulator's own, data-platform
// (210987654321) through a role, and sandbox (333333333333), whose role does not trust the
// console. Changes bkc-dp-events (Bucket Key turned on) in data-platform, and puts it back after the spec,
// passed or failed, so no other spec depends on whether this one ran before it.

const dataPlatform = "210987654321";

async function dataPlatformS3() {
  const credentials = await demoRoleCredentials(dataPlatform, "e2e");
  return new S3Client({ region: "us-east-1", endpoint: e2eMotoUrl, forcePathStyle: true, credentials });
}

let eventsRule: ServerSideEncryptionRule | undefined;

test.beforeAll(async () => {
  const stored = await (await dataPlatformS3()).send(new GetBucketEncryptionCommand({ Bucket: "bkc-dp-events" }));
  eventsRule = stored.ServerSideEncryptionConfiguration!.Rules![0];
});

test.afterAll(async ({ request }) => {
  if (!eventsRule) return;
  await (
    await dataPlatformS3()
  ).send(
    new PutBucketEncryptionCommand({
      Bucket: "bkc-dp-events",
      ServerSideEncryptionConfiguration: { Rules: [eventsRule] },
    }),
  );
  await rescanAndWait(request, { account: dataPlatform });
});

// The demo's half a million KMS events take the ingestion on start some 10 s on a shared 2-core
// machine; the test that waits for it gets longer than the default, with a margin for heavy load.
async function ingestionDone(request: APIRequestContext) {
  test.setTimeout(150_000);
  await expect
    .poll(async () => (await (await request.get("/api/usage/ingest")).json()).state, { timeout: 90_000 })
    .toMatch(/done|failed/);
}

test("all accounts: buckets of every readable account, the unreadable one named with the reason", async ({
  page,
  request,
}) => {
  const api = await (await request.get("/api/buckets?account=all")).json();
  const status = Object.fromEntries(api.accounts.map((a: { id: string; status: string }) => [a.id, a.status]));
  expect(status).toEqual({ "123456789012": "ok", [dataPlatform]: "ok", "333333333333": "error" });

  await page.goto("/buckets");
  await expect(page.getByTestId("bucket-count")).toContainText("14 matching of 14 buckets");
  await page.getByTestId("account-selector").selectOption("all");
  const problems = page.getByTestId("account-problems");
  await expect(problems).toContainText("1 of 3 accounts could not be read");
  await expect(problems).toContainText(
    "sandbox 333333333333: Cannot assume arn:aws:iam::333333333333:role/BucketKeyConsole",
  );
  await expect(page.getByTestId("bucket-count")).toContainText("18 matching of 18 buckets");
  await expect(page.getByTestId("bucket-row-bkc-dp-events")).toContainText(dataPlatform);
  await expect(page.getByTestId("bucket-row-bkc-demo-media")).toContainText("123456789012");
  await page.screenshot({ path: "screenshots/accounts-all-buckets.png", fullPage: true });

  await page.getByTestId("account-selector").selectOption(dataPlatform);
  await expect(page.getByTestId("bucket-count")).toContainText("4 matching of 4 buckets");
  await expect(page.getByTestId("account-problems")).toHaveCount(0);
});

test("a member account's bucket is fixed in its own account from the all-accounts view, then shows in history and savings", async ({
  page,
  request,
}) => {
  await ingestionDone(request);
  await page.goto("/buckets");
  await page.getByTestId("account-selector").selectOption("all");
  await page.getByTestId("bucket-row-bkc-dp-events").getByRole("link", { name: "bkc-dp-events" }).click();
  await expect(page).toHaveURL(new RegExp(`/buckets/bkc-dp-events\\?account=${dataPlatform}`));
  await page.getByTestId("candidate-callout").getByRole("link", { name: "Enable the Bucket Key" }).click();
  await expect(page).toHaveURL(new RegExp(`/wizard\\?buckets=bkc-dp-events&account=${dataPlatform}`));
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByTestId("key-option-alias/events-data").getByRole("radio")).toBeChecked();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("radio", { name: /^Enable/ }).check();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByTestId("check-key")).toHaveAttribute("data-status", "pass");
  await expect(page.getByTestId("check-saving")).toContainText(/About USD \d+\.\d\d a month/);
  // The demo wrote objects into bkc-dp-events: they keep their encryption, which the user must acknowledge.
  await expect(page.getByTestId("check-existing-objects")).toHaveAttribute("data-status", "warn");
  await expect(page.getByRole("button", { name: "Save changes" })).toBeDisabled();
  await page.getByLabel(/I have read the warnings/).check();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByTestId("outcome-bkc-dp-events")).toContainText("Saved and verified");

  const stored = await (await dataPlatformS3()).send(new GetBucketEncryptionCommand({ Bucket: "bkc-dp-events" }));
  const rule = stored.ServerSideEncryptionConfiguration!.Rules![0]!;
  expect(rule.BucketKeyEnabled).toBe(true);
  expect(rule.ApplyServerSideEncryptionByDefault!.KMSMasterKeyID).toMatch(
    new RegExp(`^arn:aws:kms:us-east-1:${dataPlatform}:key/`),
  );

  await page.getByRole("link", { name: "History" }).first().click();
  const change = page.locator("tr", { hasText: "bkc-dp-events" }).first();
  await expect(change).toContainText(dataPlatform);
  await expect(change).toContainText(/applied/i);
  await page.screenshot({ path: "screenshots/accounts-history.png", fullPage: true });

  await page.getByRole("link", { name: "Reports" }).first().click();
  await expect(page.getByTestId("saving-bkc-dp-events")).toContainText(dataPlatform);
  await expect(page.getByTestId("saving-bkc-demo-orders")).toContainText("123456789012");
  // Ingestion read the two readable accounts and says which one it could not.
  await expect(page.getByTestId("ingest-account-problems")).toContainText(
    "Account sandbox (333333333333): Cannot assume",
  );
  await page.screenshot({ path: "screenshots/accounts-reports.png", fullPage: true });

  const changes = await (await request.get(`/api/changes?account=${dataPlatform}`)).json();
  expect(changes.changes.map((c: { bucket: string; account: string }) => [c.bucket, c.account])).toContainEqual([
    "bkc-dp-events",
    dataPlatform,
  ]);
  const savings = await (await request.get("/api/savings?account=all")).json();
  expect(savings.rows.find((r: { bucket: string }) => r.bucket === "bkc-dp-events")?.account).toBe(dataPlatform);
});
